interface Props {
  title: string;
  text: string;
}

/**
 * A phase in words on the projector: its title and what the room does now (the case and the
 * closing words until the case's own view is merged: see the README).
 */
export function PhaseTextView({ title, text }: Props) {
  return (
    <section className="phase-text">
      <h1>{title}</h1>
      {text && <p>{text}</p>}
    </section>
  );
}
