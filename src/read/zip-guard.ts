import yauzl from 'yauzl';

/** Above these, a workbook is refused before anything is inflated (a zip bomb, or not a month's inputs). */
export const ZIP_LIMITS = {
  /** Sum of all entries once inflated. */
  totalBytes: 1_500_000_000,
  /** Inflated ÷ compressed size of one large entry; real sheet XML stays well below. */
  ratio: 250,
  largeEntryBytes: 50_000_000,
  entries: 10_000,
};

/**
 * Reads the zip's central directory (declared sizes only) and says why the file must not be
 * inflated, or null when it looks like an ordinary workbook.
 */
export async function zipBombReason(path: string, limits = ZIP_LIMITS): Promise<string | null> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, file) => (error || !file ? reject(error ?? new Error('unreadable zip')) : resolve(file))),
  );
  return new Promise((resolve, reject) => {
    let total = 0;
    let count = 0;
    const stop = (reason: string | null) => {
      zip.close();
      resolve(reason);
    };
    zip.on('error', reject);
    zip.on('end', () => resolve(null));
    zip.on('entry', (entry: yauzl.Entry) => {
      count += 1;
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (count > limits.entries) return stop(`超过 ${limits.entries} 个部件`);
      if (total > limits.totalBytes) return stop(`解压后超过 ${Math.round(limits.totalBytes / 1e6)} MB`);
      if (entry.uncompressedSize > limits.largeEntryBytes && ratio > limits.ratio) {
        return stop(`${entry.fileName} 压缩比 ${Math.round(ratio)}:1`);
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}
