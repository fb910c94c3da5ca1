import type { ReactNode } from 'react';
import type { ApiData } from '../use-api-data.js';
import { Loaded } from '../components/loaded.js';

/**
 * One section of the project page, filled by its own call. A call the API refuses to the user's
 * role (403: a viewer's notes, tasks) means the section is not theirs: it is left out, which is no
 * error. Other failures say so and offer to try again.
 */
export function ProjectSection<T>(props: {
  id: string;
  title: string;
  data: ApiData<T>;
  children: (data: T) => ReactNode;
}) {
  if (props.data.failure?.status === 403) return null;
  const headingId = `section-${props.id}`;
  return (
    <section className={`section section--${props.id}`} aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {props.title}
      </h2>
      <Loaded data={props.data}>{props.children}</Loaded>
    </section>
  );
}
