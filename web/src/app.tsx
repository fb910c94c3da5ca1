import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ProgramsPage } from './admin/programs-page.js';
import { RequireAdmin } from './admin/require-admin.js';
import { StagesRoute } from './admin/stages-page.js';
import { UsersPage } from './admin/users-page.js';
import { api } from './api.js';
import { Shell } from './components/shell.js';
import { RequireSession } from './components/require-session.js';
import { AccountPage } from './pages/account-page.js';
import { BoardPage } from './pages/board-page.js';
import { CohortsPage } from './pages/cohorts-page.js';
import { MyDayPage } from './pages/my-day-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ProjectPage } from './pages/project-page.js';
import { ResetPasswordPage } from './pages/reset-password-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { session } from './session.js';

// The figures page brings the chart library: it loads when the page is first opened, so that the
// sign-in page and Ma journée stay light.
const FiguresPage = lazy(() => import('./figures/figures-page.js').then((module) => ({ default: module.FiguresPage })));

/** A token kept from before a reload is checked, and its user read, once at start. */
function useRestoredSession() {
  useEffect(() => {
    if (session.state().status !== 'restoring') return;
    void api.GET('/users/me').then(
      ({ data }) => (data ? session.signedIn(session.token()!, data) : session.expire()),
      () => session.clear(null),
    );
  }, []);
}

export function App() {
  useRestoredSession();
  return (
    <BrowserRouter basename="/app">
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route element={<RequireSession />}>
          <Route element={<Shell />}>
            <Route index element={<Navigate to="/my-day" replace />} />
            <Route path="my-day" element={<MyDayPage />} />
            <Route path="cohorts" element={<CohortsPage />} />
            <Route path="cohorts/:id/board" element={<BoardPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="projects/:id" element={<ProjectPage />} />
            <Route path="admin" element={<RequireAdmin />}>
              <Route index element={<Navigate to="/admin/users" replace />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="programs" element={<ProgramsPage />} />
              <Route path="programs/:code/stages" element={<StagesRoute />} />
            </Route>
            <Route
              path="figures"
              element={
                <Suspense fallback={<p className="empty">…</p>}>
                  <FiguresPage />
                </Suspense>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
