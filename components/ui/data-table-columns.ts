import {
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";

/**
 * The features every <DataTable> uses. Sorting and pagination are registered for their state
 * and column APIs only: the server sorts and pages (manualSorting / manualPagination).
 * Import from client components (per-entity `columns.tsx` files marked "use client").
 */

export type DataTableColumnMeta = {
  /** Extra classes for this column's header and cells, e.g. "text-right" or "hidden sm:table-cell". */
  className?: string;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/**
 * Column helper bound to the DataTable's features. Columns are not sortable unless they set
 * `enableSorting: true` (and the server page lists their id in `parseTableQuery({ sortable })`).
 */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export type DataTableColumnDef<TData extends RowData> = ColumnDef<DataTableFeatures, TData>;
