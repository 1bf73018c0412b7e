export * from "./directory";
export * from "./catalogs";
export * from "./packages";
export * from "./requests";
