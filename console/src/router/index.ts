// Routes per role. The guard waits for the first restore (refresh cookie) so a reload keeps the
// page, sends anonymous visitors to sign-in and other roles to their own home.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore, type Role } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    roles?: Role[]
    title?: string
  }
}

const seller: Role[] = ['SELLER']
const admin: Role[] = ['ADMIN']
const sellerOrAdmin: Role[] = ['SELLER', 'ADMIN']
const customer: Role[] = ['CUSTOMER']

export const homeOf = (role: Role | null) => (role === 'ADMIN' ? '/admin' : role === 'SELLER' ? '/seller' : '/my')

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', component: () => import('@/pages/auth/SignInPage.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/magic-link', component: () => import('@/pages/customer/MagicLinkPage.vue'), meta: { public: true, title: 'Sign in with a link' } },
  { path: '/reset-password', component: () => import('@/pages/auth/ResetPasswordPage.vue'), meta: { public: true, title: 'Reset your password' } },
  { path: '/verify-email', component: () => import('@/pages/auth/VerifyEmailPage.vue'), meta: { public: true, title: 'Confirm your e-mail' } },
  { path: '/sign-up', component: () => import('@/pages/auth/SignUpPage.vue'), meta: { public: true, title: 'Create an account' } },
  {
    path: '/',
    component: () => import('@/components/AppShell.vue'),
    children: [
      // After the guard (which sends anonymous visitors to sign-in): each role's own home.
      { path: '', component: () => import('@/pages/NotFoundPage.vue'), beforeEnter: () => homeOf(useAuthStore().role) },
      { path: 'account/password', component: () => import('@/pages/auth/ChangePasswordPage.vue'), meta: { title: 'Change password' } },
      { path: 'seller', component: () => import('@/pages/seller/SellerHomePage.vue'), meta: { roles: seller, title: 'Home' } },
      { path: 'seller/licenses', component: () => import('@/pages/LicensesPage.vue'), meta: { roles: seller, title: 'Licenses' } },
      { path: 'seller/licenses/:id', component: () => import('@/pages/LicenseDetailPage.vue'), meta: { roles: seller, title: 'License' } },
      { path: 'seller/products', component: () => import('@/pages/seller/ProductsPage.vue'), meta: { roles: seller, title: 'Products' } },
      { path: 'seller/customers', component: () => import('@/pages/seller/CustomersPage.vue'), meta: { roles: seller, title: 'Customers' } },
      { path: 'seller/requests', component: () => import('@/pages/seller/RequestsPage.vue'), meta: { roles: sellerOrAdmin, title: 'Requests' } },
      { path: 'seller/releases', component: () => import('@/pages/seller/ReleasesPage.vue'), meta: { roles: seller, title: 'Releases' } },
      { path: 'seller/webhooks', component: () => import('@/pages/seller/WebhooksPage.vue'), meta: { roles: seller, title: 'Webhooks' } },
      { path: 'seller/exports', component: () => import('@/pages/seller/ExportsPage.vue'), meta: { roles: sellerOrAdmin, title: 'Exports' } },
      { path: 'seller/events', component: () => import('@/pages/EventsPage.vue'), meta: { roles: seller, title: 'Event log' } },
      { path: 'admin', component: () => import('@/pages/admin/AdminDashboardPage.vue'), meta: { roles: admin, title: 'Dashboard' } },
      { path: 'admin/users', component: () => import('@/pages/admin/UsersPage.vue'), meta: { roles: admin, title: 'Users' } },
      { path: 'admin/licenses', component: () => import('@/pages/LicensesPage.vue'), meta: { roles: admin, title: 'All licenses' } },
      { path: 'admin/licenses/:id', component: () => import('@/pages/LicenseDetailPage.vue'), meta: { roles: admin, title: 'License' } },
      { path: 'admin/ip-blocks', component: () => import('@/pages/admin/IpBlocksPage.vue'), meta: { roles: admin, title: 'IP blocks' } },
      { path: 'admin/events', component: () => import('@/pages/EventsPage.vue'), meta: { roles: admin, title: 'Event log' } },
      // The customer portal (issue 19); the account page is every role's.
      { path: 'my', component: () => import('@/pages/customer/CustomerHomePage.vue'), meta: { roles: customer, title: 'My licenses' } },
      { path: 'my/licenses/:id', component: () => import('@/pages/customer/CustomerLicensePage.vue'), meta: { roles: customer, title: 'License' } },
      { path: 'account', component: () => import('@/pages/customer/AccountPage.vue'), meta: { title: 'Account' } },
    ],
  },
  { path: '/:rest(.*)*', component: () => import('@/pages/NotFoundPage.vue'), meta: { public: true, title: 'Not found' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  await auth.restore()
  if (to.meta.public) {
    if (auth.signedIn && (to.path === '/sign-in' || to.path === '/sign-up')) return homeOf(auth.role)
    return true
  }
  if (!auth.signedIn) return { path: '/sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (auth.mustChangePassword && to.path !== '/account/password') return '/account/password'
  if (to.meta.roles && !to.meta.roles.includes(auth.role!)) return homeOf(auth.role)
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · Licensing console` : 'Licensing console'
})
