export const header = '工号';
export const usage = '请用 -o 指定输出文件夹';
export const late = (t: string, due: string, m: number) => `首次打卡 ${t} ${due} → 迟到${m}分钟`;
