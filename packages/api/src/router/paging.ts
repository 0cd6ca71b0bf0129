// Paging inputs shared by every table procedure. Bounds are checked by zod, so an offset or a
// column past anything Sift stores is a BAD_REQUEST naming the limit, never a PostgreSQL
// integer overflow (a 500).
import { z } from 'zod';

/** Far past the rows of any table Sift keeps (a sheet holds at most 100,000,000 cells). */
export const MAX_OFFSET = 1_000_000_000;
/** Excel's last column is XFD, the 16,384th; wider tables are refused when read. */
export const MAX_COLUMN = 16_383;

export const offset = z.number().int().min(0).max(MAX_OFFSET, `offset must be between 0 and ${MAX_OFFSET.toLocaleString('en-US')}`).default(0);
export const columnIndex = z.number().int().min(0).max(MAX_COLUMN, `column must be between 0 and ${MAX_COLUMN.toLocaleString('en-US')}`);
