<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Appearance</name>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartAxes</name>
    <message>
        <source>seconds since the run started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, log scale)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Choice</name>
    <message>
        <source>sleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after-all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-by-one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apply_async</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sentinel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joinable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>get-then-set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uniform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exponential</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigDelegate</name>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the settings from a scenario file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario files opened or saved lately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write these settings to a scenario file (the CLI runs it too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply these settings and start the run (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the preset&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigFormBinder</name>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CpuSpeedupConfig</name>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many worker processes the main process starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a worker spends its time: sleeping (waiting, like I/O) or spinning (using a CPU).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long each worker works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after-all: start every worker, then join them; one-by-one: join each worker before starting the next; none: never join (non-daemon workers are still waited for at the end, daemon workers are terminated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the workers as daemons: they are terminated when the main process ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for a worker this long after the main process starts waiting for it, and terminate it (SIGTERM); 0 waits as long as it takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split the work over 1 up to this many processes (and threads).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the whole work takes on one CPU, measured on this machine at the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also split the work over threads of one process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder whose files are copied (the files directly in it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the copies go; created if missing. Empty: the source&apos;s name with [copy] added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many files are copied at once (Pool(3) in the seed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunk size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much is read and written at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay per chunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pause after each chunk, to watch the copy happen (the seed sleeps a random time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace files that already exist in the destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the writer puts, one character per item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait before reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the main process waits before handing over the reader (the seed&apos;s 1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per put</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the writer works between two puts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many worker processes the pool has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many worker processes the pool has (Pool(3) in the seed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tasks the main process hands to the pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long each task works (mean).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task time spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed: always the task time; uniform: 0 to twice it (the seed&apos;s random()*2); exponential: random with that mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apply_async: hand over every task, then wait; apply: hand over one task and wait for it before the next; map: the whole list in chunks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For map: how many tasks a worker takes at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tasks per child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace a worker after this many tasks; 0 keeps the workers for the whole run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many producer processes put items on the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many consumer processes take items off the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue&apos;s maxsize: puts block while it holds this many items; 0 is unbounded (up to a million items).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items per producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many items each producer puts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a producer works on each item before putting it (mean).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce time spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed: always the produce time; uniform: 0 to twice it; exponential: random with that mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consume time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a consumer works on each item it gets (mean).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consume time spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed: always the consume time; uniform: 0 to twice it; exponential: random with that mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sentinel: one None per consumer ends them; joinable: a JoinableQueue, daemon consumers, and join() until every item is task_done().</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many worker processes (and threads) add to the counters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Increments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often each worker adds one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked: each += holds the Value&apos;s lock; get-then-set: value.set(value.get() + 1), two steps that other processes can come between.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many buyer processes try to buy a ticket at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tickets the stock file holds at the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold a Lock from reading the stock to writing it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a buyer waits after reading the stock (the seed&apos;s 0.1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a buyer takes to write the lower count back (the seed&apos;s 0.2 s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderCopyConfig</name>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForkServerClient</name>
    <message>
        <source>Cannot reach the fork server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read from the fork server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fork server has stopped. Restart ForkScope to run scenarios again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockChart</name>
    <message>
        <source>How many processes wait for each lock over the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the acquisitions of the chosen lock waited for it, and how long they held it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lock whose wait and hold times are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lock in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes waiting for each lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>processes waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait (acquisitions that waited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acquisitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait and hold times of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no wait or hold time yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: held by PID %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockSeriesModel</name>
    <message>
        <source>Lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold max</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ForkScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Scenarios&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a scenario to configure and run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Configuration&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a value to change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Processes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each process printed, with the time since the run started and its PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a scenario file (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Scenario As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the scenario and its configuration to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit ForkScope; a running scenario is stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the scenario with real fork()ed processes (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate the run&apos;s processes: SIGTERM, then SIGKILL after one second (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back the preset&apos;s values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ForkScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ForkScope: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: press F5 to start the scenario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the configuration to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Running: %n process(es) started.</source>
        <translation>
            <numerusform>Running: %n process started.</numerusform>
            <numerusform>Running: %n processes started.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping: terminating the processes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ForkScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;ForkScope %1&lt;/h3&gt;&lt;p&gt;Runs multiprocessing scenarios with real fork()ed worker processes and shows what they do: their PIDs, parents, states, exit codes and output.&lt;/p&gt;&lt;p&gt;Every process is forked from a fork server started before the GUI&apos;s threads; all of them end when ForkScope ends.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a saved run (.json) in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Run &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the last run with its processes, output and every event, to open it again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Trace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the last run as a Chrome/Perfetto trace (open it in ui.perfetto.dev or chrome://tracing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export E&amp;vents CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every event of the last run as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Task Times CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each task of the last run with its process, start, end and duration as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One lane per process: states, tasks, waits and holds over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each queue&apos;s depth over time, with its capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Signal to the Selected Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGTERM: ask it to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send SIGTERM to the process selected in the table (as Process.terminate())</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGKILL: kill it at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send SIGKILL to the process selected in the table: it cannot clean up (as Process.kill())</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGSTOP: pause it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send SIGSTOP to the process selected in the table: it stops running until SIGCONT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGCONT: let it go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send SIGCONT to the process selected in the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the lines of every process, or of one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Configure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit every setting of the scenario in its own dialog (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Configure Scenario…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save View as &amp;Picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the timeline or chart on show as a PNG or SVG picture (or right-click it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many processes wait for each lock over time, how long they wait and hold it, and who holds it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long tasks take, and how many finish per second over the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay: the run as it was at %1 s of %2 s. Drag the bar under the views, F6 plays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events missing from the views%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, counts exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, counts and percentiles exact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputLog</name>
    <message>
        <source>all processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ForkScope: sent SIG%1 to this process</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PictureExport</name>
    <message>
        <source>Made with ForkScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot draw the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the name must end in .png or .svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as Picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this view as a PNG or SVG picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolConfig</name>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handing tasks over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolQueueConfig</name>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writer task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main process</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetLibrary</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: too large for a scenario file (%2 bytes, at most %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>must be a whole number in %1..%2, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be %1..%2, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of %1; got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most %1 bytes long, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must name the folder to copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder %1 cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is inside the source folder %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessTableModel</name>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited, not joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process has exited, but its parent has not joined it yet: until then it is a zombie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (daemon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped (SIGSTOP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of the process&apos;s time it spent blocked on a queue (put or get) or waiting for a lock, as the process measured it itself. Hover over a cell for the time in each state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known exactly: a full ring dropped some of this process&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of %1 alive:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
In the states it reported (blocked calls happen while running):
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessesConfig</name>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProducerConsumerConfig</name>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers&apos; work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers&apos; work</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 is not valid JSON (byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to %1 cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueChart</name>
    <message>
        <source>How many items each queue holds over the run; its capacity is the dashed line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No queue in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past %1 s the detail was not kept: the lines show each moment&apos;s lowest, highest and last depth</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueSeriesModel</name>
    <message>
        <source>%1 (capacity %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent scenario files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingReport</name>
    <message>
        <source>result
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>telemetry    %1 events recorded over %2 (%3 dropped by full rings, %4 counted but not kept)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queues
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>puts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>items/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>puts blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gets blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locks
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acquired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>             the counts below are exact: each process counted its own; times, depths and percentiles are from the events recorded
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>             NOT EXACT: the counts, times, depths and percentiles below are from the events recorded, %1 fewer than happened
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 events were dropped by full rings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events past the first %2 were counted but not kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the counts and the percentiles are exact (each process kept its own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the counts are exact (each process counted its own); the percentiles leave them out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the counts and the percentiles leave them out too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the timeline and the charts leave them out; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>             the counts and percentiles below are exact: each process kept its own; depths are from the events recorded
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>             the processes waited %1 in all for the collector to make room in their rings: recording every event slowed the run that much
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>%1 s / %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the run from the start, or pause (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay: drag to show every view as the run was at that moment; the right end shows the whole run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buyer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>main</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>A run is already in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not be requested: the fork server is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fork server reported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run&apos;s telemetry cannot be read (%1); processes and output are still shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress: stop it before opening another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process %1 is not a running process of this run: no signal sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot send %1 to %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is being written from this run: wait for it, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunFiles</name>
    <message>
        <source>There is no run to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress: stop it before opening another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Task Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chrome/Perfetto traces (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ForkScope runs (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is being written: wait for it, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n exited with code 0</source>
        <translation>
            <numerusform>%n exited with code 0</numerusform>
            <numerusform>%n exited with code 0</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exited with an error code</source>
        <translation>
            <numerusform>%n exited with an error code</numerusform>
            <numerusform>%n exited with an error code</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 s (sum of worker lifetimes %3 s, longest %4 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n killed by %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>Processes: start, join, PID, daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts worker processes that print their PID and their parent&apos;s PID, then work for a while. Joining each worker right after starting it runs them one after another (the tutorials&apos; Example 1: the run takes about the sum of the work); starting all first and then joining them runs them at the same time (Example 2: about the longest). Daemon workers are terminated when the main process ends; terminate-after stops workers that run too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU speedup: processes and threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same CPU-bound work is split over 1, 2, … N processes, then over 1, 2, … N threads of one process, and each split is timed. Processes speed the work up until there are more of them than CPUs. In C++ threads do too; in Python the GIL lets only one thread run Python code at a time, which is why the tutorials use processes for CPU-bound work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder copy: a Pool, a queue and progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Pool copies the files of a folder, one task per file; each task puts the file&apos;s name on a queue when it is done, and the main process reads the queue to show the progress. Every copy is written under a temporary name, compared with its source and only then given its final name, so a copy that is killed half way never looks finished; existing files are left alone unless overwrite is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool queue: tasks talking through a queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two tasks of one Pool share a queue made before the pool. The writer task puts each character of a text; the main process waits, then hands the pool a reader task that gets as many items as qsize() says at that moment. With the wait the reader finds everything; without it the reader can start while the writer is still putting, and reads less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool: apply, apply_async and map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Pool of a few worker processes runs many tasks. apply() hands over one task and waits for its result, so the tasks run one after another and the run takes about the sum of their times; apply_async() hands them all over and the pool runs as many at once as it has workers; map() cuts the list into chunks of chunksize. The same few PIDs do all the work unless maxtasksperchild makes the pool replace a worker after that many tasks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer–consumer: a Queue between processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers put items on a shared Queue and consumers take them off. With a small capacity the producers block on put while the queue is full; with slow producers the consumers block on get while it is empty. The consumers stop either on sentinels (the main process puts one None per consumer after joining the producers) or, with a JoinableQueue, as daemons: every get is answered by task_done(), the main process waits in join() until all items are done and ends, which terminates its daemon consumers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared state: globals, Value and threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every worker process adds to a global variable: each sees its own copy grow, and the main process&apos;s copy is unchanged afterwards, because a forked process has its own memory. A Value lives in shared memory and is changed by all of them: exactly when each increment holds its lock, with lost updates when a process reads it and writes it back in two steps. Threads in one process do share its global.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket race: a Lock around read-modify-write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyers check the stock kept in a JSON file, then buy: read the count, wait, write it back one lower. Without a lock they all read the same count before anyone writes, so every buyer gets the last ticket: more tickets are sold than there were. With a Lock around the purchase the buyers take turns (the timeline shows them waiting for it) and exactly the stock is sold.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScenarioFiles</name>
    <message>
        <source>Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ForkScope scenarios (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Scenario As</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharedStateConfig</name>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskChart</name>
    <message>
        <source>How many tasks finished per second over the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tasks took how long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks finished per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task durations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStatsModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tasks/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks: %1, failed: %2; duration p50 %3, p95 %4, max %5; %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextFormat</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked on put</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked on get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holding a lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketRaceConfig</name>
    <message>
        <source>Buyers and tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>task %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holding lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting on object %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n spans, the first: %1</source>
        <translation>
            <numerusform>%n span, the first: %1</numerusform>
            <numerusform>%n spans, the first: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
%2 → %3 (%4)%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, still going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline of a run appears here: start a scenario, or open a saved run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process · following</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIG%1 sent from ForkScope at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel or W/S: zoom · drag or A/D: pan · Home: whole run · F: follow the live end · L: put → get arrows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Put → Get Arrows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An arrow from each queue item&apos;s put to the get that took it (L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first %1 arrows: zoom in for the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in join(), waiting for PID %1 to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for lock %1, then took it over: its owner had died holding it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked on put: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked on get: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) ended
%1 → %2 (detail not kept: the run&apos;s summary)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>mostly %1
%2 → %3 (detail not kept: the run&apos;s summary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detail not kept past here: summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
