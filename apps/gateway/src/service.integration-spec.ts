import { describeServiceWiring } from '@switchboard/testing';

describeServiceWiring('gateway');
