import { Fragment, type ReactNode } from 'react';

/**
 * A translated text whose `{name}` places hold elements (a link in the middle of a sentence), so
 * that each language keeps its own word order. Pass the text translated without those values:
 * `translate` leaves the places it has no value for as they are.
 */
export function WithElements({ text, elements }: { text: string; elements: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/g);
  return (
    <>
      {parts.map((part, index) => (
        // Odd parts are the names between braces.
        <Fragment key={index}>{index % 2 === 1 ? (part in elements ? elements[part] : `{${part}}`) : part}</Fragment>
      ))}
    </>
  );
}
