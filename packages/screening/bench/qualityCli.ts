// Prints the screening-quality bench. Usage: npm run bench:quality -w @sift/screening [-- path [seeds]]
// where path is a folder of labelled review CSVs (default ../shared/datasets/screening/cohen-2006
// beside the repository) or one CSV of the same shape.
import { fileURLToPath } from 'node:url';
import { runScreeningQuality } from './quality.ts';

const defaultPath = fileURLToPath(new URL('../../../../shared/datasets/screening/cohen-2006', import.meta.url));
const datasetPath = process.argv[2] ?? defaultPath;
const seeds = Number(process.argv[3] ?? 5);

const started = performance.now();
const { table } = runScreeningQuality({ datasetPath, seeds });
console.log(`node ${process.version}; dataset ${datasetPath}`);
console.log(table);
console.log(`(bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
