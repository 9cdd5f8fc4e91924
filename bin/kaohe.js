#!/usr/bin/env node
// The bundled command line (scripts/build-bundle.mjs): tens of files to load instead of ~200.
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
