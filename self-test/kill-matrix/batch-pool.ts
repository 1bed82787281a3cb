// Runs batch tasks on a pool of worker processes (batch.js), each a vitest instance that judges one
// target after another. A task that outlives its hard timeout takes its worker down with it: the
// worker is killed, the task reported as a problem, and a fresh worker takes the next task.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inheritedEnvironment, inPool, problemResult, type BatchTask, type RunResult } from './run.ts';

const WORKER = fileURLToPath(new URL('./batch.js', import.meta.url));
/** Starting a worker bundles and loads vitest; a worker that is not ready by then never will be. */
const READY_TIMEOUT_MS = 60_000;

interface Worker {
  child: ChildProcess;
  output: string;
}

function startWorker(): Promise<Worker> {
  const child = fork(WORKER, [], {
    env: inheritedEnvironment(),
    execArgv: ['--max-semi-space-size=4', '--max-old-space-size=512'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const worker: Worker = { child, output: '' };
  const keep = (chunk: Buffer) => {
    worker.output = (worker.output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`a batch worker was not ready after ${READY_TIMEOUT_MS} ms\n${worker.output}`));
    }, READY_TIMEOUT_MS);
    child.once('message', () => {
      clearTimeout(timer);
      resolve(worker);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a batch worker exited (${code}) before it was ready\n${worker.output}`));
    });
  });
}

/** Sends one task and waits for its result, or kills the worker when the task outlives its timeout. */
function judgeOn(worker: Worker, task: BatchTask): Promise<{ result: RunResult; workerLost: boolean }> {
  const started = Date.now();
  const lost = (problem: string) => problemResult(task.name, task.resources, problem, Date.now() - started);
  return new Promise((resolve) => {
    const finish = (outcome: { result: RunResult; workerLost: boolean }) => {
      clearTimeout(timer);
      worker.child.off('message', onMessage);
      worker.child.off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (result: RunResult) => finish({ result, workerLost: false });
    const onExit = (code: number | null) => finish({ result: lost(`the batch worker exited (${code})\n${worker.output}`), workerLost: true });
    const timer = setTimeout(() => {
      worker.child.kill('SIGKILL');
      finish({ result: lost(`killed after ${task.settings.hardTimeoutMs} ms`), workerLost: true });
    }, task.settings.hardTimeoutMs);
    worker.child.on('message', onMessage);
    worker.child.once('exit', onExit);
    worker.child.send(task);
  });
}

/** Judges every task on at most `concurrency` workers; results in task order, `onDone` in completion order. */
export async function runBatch(tasks: BatchTask[], concurrency: number, onDone?: (result: RunResult) => void): Promise<RunResult[]> {
  // A task in flight holds a worker; an idle one waits here for the next task.
  const idle: Worker[] = [];
  const judge = async (task: BatchTask): Promise<RunResult> => {
    let worker = idle.pop();
    try {
      worker ??= await startWorker();
    } catch (error) {
      return problemResult(task.name, task.resources, (error as Error).message, 0);
    }
    const { result, workerLost } = await judgeOn(worker, task);
    if (!workerLost) idle.push(worker);
    return result;
  };
  try {
    return await inPool(tasks, concurrency, judge, onDone);
  } finally {
    await Promise.all(idle.map(stopWorker));
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      worker.child.kill('SIGKILL');
      resolve();
    }, 10_000);
    worker.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.child.send('exit');
  });
}
