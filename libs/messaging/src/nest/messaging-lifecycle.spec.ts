import { MessagingLifecycle, type MessagingComponent } from './messaging-lifecycle';

function component(name: string, log: string[]): MessagingComponent {
  let state = 'stopped';
  return {
    start: () => {
      log.push(`start ${name}`);
      state = 'running';
    },
    stop: async () => {
      log.push(`stop ${name}`);
      state = 'stopped';
    },
    status: () => ({ state }),
  };
}

describe('MessagingLifecycle', () => {
  it('starts components after bootstrap and stops them in reverse order on shutdown', async () => {
    const log: string[] = [];
    const lifecycle = new MessagingLifecycle().register('relay', component('relay', log)).register('consumer', component('consumer', log));

    await lifecycle.onApplicationBootstrap();
    expect(lifecycle.states()).toEqual({ relay: 'running', consumer: 'running' });
    await lifecycle.onApplicationShutdown();

    expect(log).toEqual(['start relay', 'start consumer', 'stop consumer', 'stop relay']);
    expect(lifecycle.states()).toEqual({ relay: 'stopped', consumer: 'stopped' });
  });

  it('refuses a component registered after start', async () => {
    const lifecycle = new MessagingLifecycle();
    await lifecycle.onApplicationBootstrap();
    expect(() => lifecycle.register('late', component('late', []))).toThrow('messaging component late registered after start');
  });
});
