<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <source>Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ForkScope scenarios (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Scenario As</source>
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
    <name>ProcessTableModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
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
</context>
<context>
    <name>Role</name>
    <message>
        <source>main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker</source>
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
        <source>%n ended by a signal</source>
        <translation>
            <numerusform>%n ended by a signal</numerusform>
            <numerusform>%n ended by a signal</numerusform>
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
</context>
</TS>
