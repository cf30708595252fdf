import { describeServiceWiring } from '@switchboard/testing';

describeServiceWiring('chat-actor');
