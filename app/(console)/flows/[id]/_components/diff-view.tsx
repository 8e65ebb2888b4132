// Moved to components/mapping/diff-view.tsx (the audit log shows mapping diffs too); this path
// keeps working for existing imports.
export { DiffView } from '@/components/mapping/diff-view';
