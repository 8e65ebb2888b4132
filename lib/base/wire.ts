// T as JSON.stringify puts it on the wire: a Date becomes its ISO string, and so on down. Used by
// type-level tests that hold a documented response schema to what its presenter returns:
//   expectTypeOf<Wire<Awaited<ReturnType<typeof presenter>>>>().toExtend<z.input<typeof schema>>()
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
