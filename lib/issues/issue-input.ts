// The inputs of issue changes, shared by the server actions, the API and the use cases: what a
// tag, a comment and a snooze may be. Pure data.
import { z } from 'zod';
import { instant } from '@/lib/base/query-values';
import { ISSUE_ACTIONS, ISSUE_STATES } from './lifecycle';

export const TAG_MAX = 40;
export const TAGS_MAX = 20;
export const COMMENT_MAX = 4000;
/** a snooze longer than this is an ignore by another name */
export const SNOOZE_MAX_DAYS = 90;

export const issueIdSchema = z.uuid('unknown issue');
export const issueStateSchema = z.enum(ISSUE_STATES);
export const issueActionSchema = z.enum(
  ISSUE_ACTIONS,
  'choose acknowledge, resolve, ignore or reopen',
);

export const issueTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'a tag cannot be empty')
  .max(TAG_MAX, `a tag has at most ${TAG_MAX} characters`)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'a tag is letters, digits and . _ : -');

/** Tags replace the issue's tags; duplicates collapse, the order is kept. */
export const issueTagsSchema = z
  .array(issueTagSchema)
  .max(TAGS_MAX, `at most ${TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

export const issueCommentSchema = z
  .string()
  .trim()
  .min(1, 'write a comment')
  .max(COMMENT_MAX, `a comment has at most ${COMMENT_MAX} characters`);

/** An optional note with a state change (why it was resolved or ignored). */
export const issueNoteSchema = z
  .string()
  .trim()
  .max(COMMENT_MAX, `a note has at most ${COMMENT_MAX} characters`)
  .optional()
  .transform((v) => (v ? v : undefined));

/** A snooze ends at a time in the future, at most SNOOZE_MAX_DAYS ahead; null ends it now. An
 *  ISO instant with its offset (the console's form converts the person's local time first). */
export const snoozeUntilSchema = instant
  .nullable()
  .refine((d) => d === null || d.getTime() > Date.now(), 'a snooze ends in the future')
  .refine(
    (d) => d === null || d.getTime() <= Date.now() + SNOOZE_MAX_DAYS * 86_400_000,
    `a snooze lasts at most ${SNOOZE_MAX_DAYS} days (ignore the issue instead)`,
  );
