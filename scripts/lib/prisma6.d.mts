export function prisma6Schema(schemaPath: string, name: string): string;
export function diffSql(fromSchema: string | null, toSchema: string): string;
