import { useRef, useState } from 'react';

/**
 * Which of an item's forms is open (one at a time), and the buttons that open them: each says it
 * controls its form and whether it is open, and gets the focus back when its form closes.
 */
export function useItemForms<Name extends string>() {
  const [open, setOpen] = useState<Name | null>(null);
  const buttons = useRef(new Map<Name, HTMLButtonElement | null>());
  const close = () => {
    const button = open ? buttons.current.get(open) : null;
    setOpen(null);
    button?.focus();
  };
  const toggle = (name: Name) => (open === name ? close() : setOpen(name));
  const buttonRef = (name: Name) => (element: HTMLButtonElement | null) => {
    buttons.current.set(name, element);
  };
  return { open, setOpen, close, toggle, buttonRef };
}
