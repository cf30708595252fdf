import type { Route, Routes } from '@angular/router';
import { ADMIN_SECTIONS, pageTitle } from './sections/admin-sections';
import { Shell } from './shell/shell';

/** Every section except the dashboard is a placeholder page until its feature lands. */
const sectionRoutes: Route[] = ADMIN_SECTIONS.filter((section) => section.path !== 'dashboard').map((section) => ({
  path: section.path,
  title: pageTitle(section.title),
  data: { section },
  loadComponent: () => import('./section-page/section-page').then((m) => m.SectionPage),
}));

export const routes: Routes = [
  {
    path: 'login',
    title: pageTitle('Sign in'),
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        title: pageTitle('Dashboard'),
        loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
      ...sectionRoutes,
      {
        path: '**',
        title: pageTitle('Page not found'),
        loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
