import { describeServiceWiring } from '@switchboard/testing';

describeServiceWiring('router', { metricsPath: '/metrics' });
