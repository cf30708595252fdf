import type { Routes } from '@angular/router';
import { adminGuard } from './core/auth/admin.guard';
import { pageTitle } from './sections/admin-sections';
import { Shell } from './shell/shell';

export const routes: Routes = [
  {
    path: 'login',
    title: pageTitle('Sign in'),
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: Shell,
    // R19: every page of the console is for administrators only.
    canActivate: [adminGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', title: pageTitle('Dashboard'), loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage) },
      { path: 'settings', title: pageTitle('Settings'), loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage) },
      { path: 'support-queues', title: pageTitle('Support queues'), loadComponent: () => import('./queues/queues-page').then((m) => m.QueuesPage) },
      { path: 'topics', title: pageTitle('Topics'), loadComponent: () => import('./topics/topics-page').then((m) => m.TopicsPage) },
      { path: 'agents', title: pageTitle('Agents'), loadComponent: () => import('./agents/agents-page').then((m) => m.AgentsPage) },
      { path: 'companies', title: pageTitle('Companies'), loadComponent: () => import('./companies/companies-page').then((m) => m.CompaniesPage) },
      { path: 'end-users', title: pageTitle('End users'), loadComponent: () => import('./end-users/end-users-page').then((m) => m.EndUsersPage) },
      { path: 'resources', title: pageTitle('Resources'), loadComponent: () => import('./resources/resources-page').then((m) => m.ResourcesPage) },
      { path: 'chat-records', title: pageTitle('Chat records'), loadComponent: () => import('./chat-records/chat-records-page').then((m) => m.ChatRecordsPage) },
      {
        path: 'chat-records/:sessionId',
        title: pageTitle('Chat record'),
        loadComponent: () => import('./chat-records/chat-record-page').then((m) => m.ChatRecordPage),
      },
      { path: '**', title: pageTitle('Page not found'), loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage) },
    ],
  },
];
