// How big a table Sift reads from one file. The grid is Excel's own; the cell limit bounds the
// rows a sparse sheet can make Sift store (two cells at opposite corners span 17 billion).

/** Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Rows x columns of the table read, empty cells included: far beyond any dense file under the upload limit. */
export const MAX_TABLE_CELLS = 100_000_000;
