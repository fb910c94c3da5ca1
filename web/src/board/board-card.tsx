import { Link } from 'react-router';
import { Notice } from '../components/notice.js';
import { daysBetween, localDateOf, todayInMontreal } from '../i18n/dates.js';
import { useLanguage } from '../i18n/language.js';
import { stageLabel, type Card } from './board-data.js';

/**
 * One project on the board: its name (a link to its page), its days in the stage, its advisor, and
 * marks in words (not colour alone) when it stopped moving or left its path. A card the person may
 * move can be dragged, and has a button that opens the move dialog, for the keyboard.
 */
export function BoardCard(props: {
  card: Card;
  movable: boolean;
  /** Why its last move failed (someone moved it first: where it is now), shown until it moves. */
  problem: string | null;
  onMove: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { card } = props;
  const { project, enrollment } = card;
  const { t, language } = useLanguage();
  const today = todayInMontreal();
  const titleId = `card-${project.id}-title`;
  const since = (instant: string) => daysBetween(localDateOf(instant), today);

  return (
    <li
      className={`board-card${card.stale ? ' board-card--stale' : ''}${enrollment.status !== 'active' ? ' board-card--left' : ''}`}
      data-testid="board-card"
      data-project-id={project.id}
      draggable={props.movable}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', String(project.id));
        event.dataTransfer.effectAllowed = 'move';
        props.onDragStart();
      }}
      onDragEnd={props.onDragEnd}
    >
      <p className="board-card__title" id={titleId}>
        <Link to={`/projects/${project.id}`}>{project.name}</Link>
      </p>
      <p className="board-card__meta">
        {enrollment.status === 'active' ? (
          <span>{t('board.daysInStage', { days: since(enrollment.stageEnteredAt) })}</span>
        ) : (
          <>
            <span className="tag tag--left">
              {t(enrollment.status === 'on_hold' ? 'board.onHoldSince' : 'board.abandonedSince', {
                days: since(enrollment.lastMovedAt),
              })}
            </span>
            <span>{t('board.leftAt', { stage: stageLabel(enrollment.stage, language) })}</span>
          </>
        )}
        {card.stale && (
          <span className="tag tag--stale" title={t('board.staleHint')}>
            {t('board.stale')}
          </span>
        )}
        <span>{project.advisor ? t('board.advisor', { name: project.advisor.name }) : t('board.noAdvisor')}</span>
      </p>
      {props.problem && <Notice kind="error">{props.problem}</Notice>}
      {props.movable && (
        <button
          type="button"
          className="button board-card__move"
          data-move-button={project.id}
          aria-haspopup="dialog"
          aria-describedby={titleId}
          onClick={props.onMove}
        >
          {t('board.move')}
        </button>
      )}
    </li>
  );
}
