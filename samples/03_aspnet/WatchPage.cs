namespace AspNetSample;

/// <summary>
/// The page at <c>/</c>: a task box and the session's events as they arrive, read with the browser's EventSource. It
/// closes the stream at <c>session_completed</c> (the server also answers a reconnect with 204, see Program.cs).
/// </summary>
internal static class WatchPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Honk: watch a session</title>
          <style>
            body { font: 15px/1.4 system-ui, sans-serif; margin: 1rem; max-width: 60rem; }
            input { width: 100%; box-sizing: border-box; padding: .4rem; }
            ol { font-family: ui-monospace, monospace; font-size: 13px; padding-left: 2.5rem; }
            #status { font-weight: bold; }
          </style>
        </head>
        <body>
          <h1>Watch a Honk session</h1>
          <form id="start">
            <label for="task">Task</label>
            <input id="task" name="task" value="`make test` fails: greet.sh must greet with a capital letter.">
            <button type="submit">Run</button>
          </form>
          <p>Status: <span id="status">not started</span></p>
          <ol id="events"></ol>
          <script>
            const form = document.getElementById('start');
            const list = document.getElementById('events');
            const status = document.getElementById('status');
            const describe = {
              session_started: e => e.model,
              tool_call: e => e.call.name + ' ' + e.call.argumentsJson,
              tool_result: e => e.name + (e.isError ? ' failed' : ' ok'),
              validation: e => e.reports.map(r => r.name + ': ' + (r.passed ? 'passed' : 'failed')).join(', '),
              verdict: e => e.judge + ': ' + (e.verdict.approved ? 'approved' : 'vetoed'),
              delivery: e => e.result.channel + ': ' + e.result.message,
              session_completed: e => e.result.status,
            };
            form.addEventListener('submit', event => {
              event.preventDefault();
              form.querySelector('button').disabled = true;
              list.replaceChildren();
              status.textContent = 'running';
              const source = new EventSource('sessions/stream?task=' + encodeURIComponent(document.getElementById('task').value));
              for (const type of Object.keys(describe)) {
                source.addEventListener(type, message => {
                  const e = JSON.parse(message.data);
                  const item = document.createElement('li');
                  item.textContent = type + ': ' + describe[type](e);
                  list.append(item);
                  if (type === 'session_completed') {
                    source.close();
                    status.textContent = e.result.status;
                    form.querySelector('button').disabled = false;
                  }
                });
              }
              source.onerror = () => {
                // Only before session_completed (the stream is closed after it): the session is gone with its request.
                source.close();
                status.textContent = 'stream lost';
                form.querySelector('button').disabled = false;
              };
            });
          </script>
        </body>
        </html>
        """;
}
