/** Spelling-insensitive key: `delete-db-instance`, `DeleteDBInstance`, `delete_db_instance` -> `deletedbinstance`. */
export function normalizeKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Splits a PascalCase IAM action name into words, keeping acronyms whole: `DeleteDBInstance` -> Delete, DB, Instance. */
export function pascalWords(name: string): string[] {
  return name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [];
}
