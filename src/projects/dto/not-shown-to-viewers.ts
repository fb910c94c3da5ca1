/**
 * The sentence that ends the description of every field left out of a viewer's answers (free text
 * written about people: see `project-views.ts`), so that clients know why it may be missing.
 */
export const NOT_SHOWN_TO_VIEWERS = 'Not shown to viewers.';
