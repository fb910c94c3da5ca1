import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../api.js';
import { BoardCard } from '../board/board-card.js';
import { loadBoard, programName, stageLabel, type BoardData, type Card } from '../board/board-data.js';
import { ExportButton } from '../board/export-button.js';
import { MoveDialog } from '../board/move-dialog.js';
import {
  ABANDONED,
  canMove,
  columnOf,
  conflictWhere,
  describeWhere,
  ON_HOLD,
  sendMove,
  targetFor,
  type ColumnKey,
  type Target,
} from '../board/moves.js';
import { Notice } from '../components/notice.js';
import { PageHeading } from '../components/page-heading.js';
import { useLanguage } from '../i18n/language.js';
import { useSession, type User } from '../session.js';
import { useApiData } from '../use-api-data.js';

/**
 * A cohort's board: a column per stage of its program, then the projects on hold and those
 * abandoned; a card per project. Those who may move a project drag its card to another column,
 * or open its move dialog from the keyboard; viewers read the board only.
 */
export function BoardPage() {
  const { t, language } = useLanguage();
  const { user } = useSession();
  const cohortId = Number(useParams().id);
  const valid = Number.isInteger(cohortId) && cohortId > 0;
  const board = useApiData(() => loadBoard(cohortId), valid);

  if (!user) return null;
  if (!valid || board.failure) {
    return (
      <>
        <PageHeading title={t('board.titleUnknown')} />
        <Notice kind="error">
          {t('board.loadError')} {describeError(t, valid ? board.failure?.status : 404, board.failure?.body)}{' '}
          {valid && (
            <button type="button" className="link-button" onClick={() => void board.reload()}>
              {t('board.refresh')}
            </button>
          )}
        </Notice>
        <p>
          <Link to="/cohorts">{t('board.back')}</Link>
        </p>
      </>
    );
  }
  if (!board.data) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  const { cohort, program } = board.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cohorts">{t('board.back')}</Link>
      </p>
      <div className="board-header">
        <div>
          <PageHeading title={t('board.title', { number: cohort.number, label: cohort.label })} />
          <p className="lead">{t('board.program', { program: programName(program, language) })}</p>
        </div>
        <ExportButton cohort={cohort} />
      </div>
      <Board data={board.data} user={user} reload={board.reload} />
    </>
  );
}

function Board({ data, user, reload }: { data: BoardData; user: User; reload: () => Promise<void> }) {
  const { t, language } = useLanguage();
  const { stages, cards } = data;
  const [message, setMessage] = useState('');
  // What a card says after a move of it failed: someone moved it first, or the service refused a drop.
  const [cardProblems, setCardProblems] = useState(new Map<number, string>());
  const [dialog, setDialog] = useState<{ card: Card; initial: Target | null } | null>(null);
  const [dragged, setDragged] = useState<Card | null>(null);
  // Read by the drag events, which come before React shows the drag (the columns that accept it).
  const dragging = useRef<Card | null>(null);
  const [over, setOver] = useState<ColumnKey | null>(null);
  // The card whose move button takes the focus once the board shows it (after its move, a reload).
  const [focusCard, setFocusCard] = useState<number | null>(null);
  const mayMove = user.role !== 'viewer';

  useEffect(() => {
    if (focusCard === null) return;
    document.querySelector<HTMLElement>(`[data-move-button="${focusCard}"]`)?.focus();
    setFocusCard(null);
  }, [focusCard, data]);

  const columns: { key: ColumnKey; title: string }[] = [
    ...stages.map((stage) => ({ key: stage.code, title: stageLabel(stage, language) })),
    { key: ON_HOLD, title: t('board.onHold') },
    { key: ABANDONED, title: t('board.abandoned') },
  ];

  const setCardProblem = (projectId: number, text: string | null) =>
    setCardProblems((previous) => {
      const next = new Map(previous);
      if (text === null) next.delete(projectId);
      else next.set(projectId, text);
      return next;
    });

  /**
   * Sends a move. Answers the error to show where the move was asked (the dialog), or null once
   * it is done or refused because someone moved the project first: the card then says so, and
   * shows where the project is now, from the service's answer and the board read again.
   */
  const move = async (card: Card, target: Target, text: string): Promise<string | null> => {
    const result = await sendMove(card, target, text);
    if (result.ok) {
      setCardProblem(card.project.id, null);
      const where =
        target.to === ON_HOLD || target.to === ABANDONED || target.to === 'reopen'
          ? { stage: card.enrollment.stage.code, status: target.to === 'reopen' ? 'active' : target.to }
          : { stage: target.to, status: 'active' };
      setMessage(t('move.done', { name: card.project.name, where: describeWhere(t, language, stages, where) }));
    } else if (result.status === 409) {
      const now = conflictWhere(result.body);
      setCardProblem(
        card.project.id,
        now ? t('move.conflict', { where: describeWhere(t, language, stages, now) }) : t('error.conflict'),
      );
    } else {
      return describeError(t, result.status, result.body);
    }
    setDialog(null);
    await reload();
    setFocusCard(card.project.id);
    return null;
  };

  const closeDialog = () => {
    if (dialog) setFocusCard(dialog.card.project.id);
    setDialog(null);
  };

  const endDrag = () => {
    dragging.current = null;
    setDragged(null);
    setOver(null);
  };

  const drop = (column: ColumnKey) => {
    const card = dragging.current;
    endDrag();
    const target = card && targetFor(card, column, stages);
    if (!card || !target) return;
    // A reason or a note is asked in the dialog, the target already chosen; other moves go at once.
    if (target.needs) setDialog({ card, initial: target });
    else
      void move(card, target, '').then((problem) => {
        if (problem) setCardProblem(card.project.id, problem);
      });
  };

  return (
    <>
      {mayMove ? <p className="hint">{t('board.howToMove')}</p> : <Notice kind="info">{t('board.readOnly')}</Notice>}
      <div className="live-message" role="status">
        {message}
      </div>
      <div className="board" role="group" aria-label={t('board.columns')}>
        {columns.map((column) => {
          const inColumn = cards.filter((card) => columnOf(card.enrollment) === column.key);
          const accepts = dragged !== null && targetFor(dragged, column.key, stages) !== null;
          const headingId = `column-${column.key}`;
          return (
            <section
              key={column.key}
              className={`board-column${accepts ? ' board-column--accepts' : ''}${accepts && over === column.key ? ' board-column--over' : ''}`}
              aria-labelledby={headingId}
              data-column={column.key}
              onDragOver={(event) => {
                if (!dragging.current || !targetFor(dragging.current, column.key, stages)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(column.key);
              }}
              onDragLeave={() => setOver((current) => (current === column.key ? null : current))}
              onDrop={(event) => {
                event.preventDefault();
                drop(column.key);
              }}
            >
              <h2 id={headingId} className="board-column__title">
                {column.title}
                <span className="count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? (
                <p className="empty">{accepts ? t('board.dropHere') : t('board.empty')}</p>
              ) : (
                <ul className="board-column__cards">
                  {inColumn.map((card) => (
                    <BoardCard
                      key={card.project.id}
                      card={card}
                      movable={canMove(user, card)}
                      problem={cardProblems.get(card.project.id) ?? null}
                      onMove={() => setDialog({ card, initial: null })}
                      onDragStart={() => {
                        dragging.current = card;
                        setDragged(card);
                      }}
                      onDragEnd={endDrag}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {dialog && (
        <MoveDialog
          card={dialog.card}
          stages={stages}
          initial={dialog.initial}
          onMove={(target, text) => move(dialog.card, target, text)}
          onClose={closeDialog}
        />
      )}
    </>
  );
}
