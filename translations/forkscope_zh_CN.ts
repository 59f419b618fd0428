<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Choice</name>
    <message>
        <source>sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>spin</source>
        <translation>空转</translation>
    </message>
    <message>
        <source>after-all</source>
        <translation>全部启动后再 join</translation>
    </message>
    <message>
        <source>one-by-one</source>
        <translation>逐个 join</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不 join</translation>
    </message>
</context>
<context>
    <name>ConfigDelegate</name>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>ConfigModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <source>How many worker processes the main process starts.</source>
        <translation>主进程启动多少个工作进程。</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作方式</translation>
    </message>
    <message>
        <source>How a worker spends its time: sleeping (waiting, like I/O) or spinning (using a CPU).</source>
        <translation>工作进程如何消耗时间:睡眠(等待,类似 I/O)或空转(占用一个 CPU)。</translation>
    </message>
    <message>
        <source>Work time</source>
        <translation>工作时长</translation>
    </message>
    <message>
        <source>How long each worker works.</source>
        <translation>每个工作进程工作多长时间。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>join 方式</translation>
    </message>
    <message>
        <source>after-all: start every worker, then join them; one-by-one: join each worker before starting the next; none: never join (non-daemon workers are still waited for at the end, daemon workers are terminated).</source>
        <translation>全部启动后再 join(after-all):先启动全部工作进程,再逐个 join;逐个 join(one-by-one):每启动一个就先 join 它,再启动下一个;不 join(none):从不 join(结束时仍会等待非守护进程,守护进程则被终止)。</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>守护进程</translation>
    </message>
    <message>
        <source>Start the workers as daemons: they are terminated when the main process ends.</source>
        <translation>以守护进程(daemon)方式启动工作进程:主进程结束时它们会被终止。</translation>
    </message>
    <message>
        <source>Terminate after</source>
        <translation>超时终止</translation>
    </message>
    <message>
        <source>Stop waiting for a worker this long after the main process starts waiting for it, and terminate it (SIGTERM); 0 waits as long as it takes.</source>
        <translation>主进程开始等待某个工作进程后,等待超过这个时长就不再等待,并终止它(SIGTERM);0 表示一直等到它结束。</translation>
    </message>
</context>
<context>
    <name>ForkServerClient</name>
    <message>
        <source>Cannot reach the fork server: %1</source>
        <translation>无法连接 fork 服务进程:%1</translation>
    </message>
    <message>
        <source>Cannot read from the fork server: %1</source>
        <translation>无法从 fork 服务进程读取:%1</translation>
    </message>
    <message>
        <source>The fork server has stopped. Restart ForkScope to run scenarios again.</source>
        <translation>fork 服务进程已停止。请重新启动 ForkScope 以再次运行场景。</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ForkScope</source>
        <translation>ForkScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scenarios&lt;/b&gt;</source>
        <translation>&lt;b&gt;场景&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Pick a scenario to configure and run</source>
        <translation>选择要配置和运行的场景</translation>
    </message>
    <message>
        <source>&lt;b&gt;Configuration&lt;/b&gt;</source>
        <translation>&lt;b&gt;配置&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Double-click a value to change it</source>
        <translation>双击某个值即可修改</translation>
    </message>
    <message>
        <source>&lt;b&gt;Processes&lt;/b&gt;</source>
        <translation>&lt;b&gt;进程&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Output&lt;/b&gt;</source>
        <translation>&lt;b&gt;输出&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What each process printed, with the time since the run started and its PID</source>
        <translation>每个进程打印的内容,附带自运行开始以来的时间和 PID</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>&amp;Open Scenario…</source>
        <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a scenario file (.json)</source>
        <translation>加载场景文件(.json)</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Save Scenario As…</source>
        <translation>场景另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the scenario and its configuration to a file</source>
        <translation>把场景及其配置保存到文件</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit ForkScope; a running scenario is stopped</source>
        <translation>退出 ForkScope;正在运行的场景会被停止</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Run the scenario with real fork()ed processes (F5)</source>
        <translation>用真实 fork() 出的进程运行场景(F5)</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Terminate the run&apos;s processes: SIGTERM, then SIGKILL after one second (Shift+F5)</source>
        <translation>终止本次运行的进程:先发 SIGTERM,一秒后发 SIGKILL(Shift+F5)</translation>
    </message>
    <message>
        <source>Shift+F5</source>
        <translation>Shift+F5</translation>
    </message>
    <message>
        <source>&amp;Reset Configuration</source>
        <translation>重置配置(&amp;R)</translation>
    </message>
    <message>
        <source>Put back the preset&apos;s values</source>
        <translation>恢复预设中的值</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Clear Output</source>
        <translation>清空输出(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;About ForkScope</source>
        <translation>关于 ForkScope(&amp;A)</translation>
    </message>
    <message>
        <source>ForkScope: %1</source>
        <translation>ForkScope:%1</translation>
    </message>
    <message>
        <source>Ready: press F5 to start the scenario.</source>
        <translation>就绪:按 F5 开始运行场景。</translation>
    </message>
    <message>
        <source>Fix the configuration to start.</source>
        <translation>请先修正配置再开始。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message numerus="yes">
        <source>Running: %n process(es) started.</source>
        <translation>
            <numerusform>运行中:已启动 %n 个进程。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping: terminating the processes…</source>
        <translation>正在停止:正在终止进程…</translation>
    </message>
    <message>
        <source>Wall time: %1</source>
        <translation>墙钟时间:%1</translation>
    </message>
    <message>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>ForkScope scenarios (*.json)</source>
        <translation>ForkScope 场景 (*.json)</translation>
    </message>
    <message>
        <source>Cannot Open Scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Save Scenario As</source>
        <translation>场景另存为</translation>
    </message>
    <message>
        <source>Cannot Save Scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>About ForkScope</source>
        <translation>关于 ForkScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ForkScope %1&lt;/h3&gt;&lt;p&gt;Runs multiprocessing scenarios with real fork()ed worker processes and shows what they do: their PIDs, parents, states, exit codes and output.&lt;/p&gt;&lt;p&gt;Every process is forked from a fork server started before the GUI&apos;s threads; all of them end when ForkScope ends.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ForkScope %1&lt;/h3&gt;&lt;p&gt;用真实 fork() 出的工作进程运行多进程场景,并展示它们在做什么:PID、父进程、状态、退出码和输出。&lt;/p&gt;&lt;p&gt;所有进程都由一个在图形界面的线程创建之前启动的 fork 服务进程 fork 出来;ForkScope 结束时它们全部随之结束。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PresetLibrary</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1:无法打开:%2</translation>
    </message>
    <message>
        <source>%1: too large for a scenario file (%2 bytes, at most %3)</source>
        <translation>%1:作为场景文件太大(%2 字节,最多 %3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1:无法写入:%2</translation>
    </message>
</context>
<context>
    <name>ProcessTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>exited, not joined</source>
        <translation>已退出,未 join</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>已 join</translation>
    </message>
    <message>
        <source>The process has exited, but its parent has not joined it yet: until then it is a zombie.</source>
        <translation>该进程已经退出,但父进程还没有 join 它:在此之前它是一个僵尸进程。</translation>
    </message>
    <message>
        <source>%1 (daemon)</source>
        <translation>%1(守护)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PPID</source>
        <translation>PPID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>启动于</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束于</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>main</source>
        <translation>主进程</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作进程</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>A run is already in progress.</source>
        <translation>已有一次运行正在进行。</translation>
    </message>
    <message>
        <source>The run could not be requested: the fork server is not running.</source>
        <translation>无法发起运行:fork 服务进程没有在运行。</translation>
    </message>
    <message>
        <source>The fork server reported: %1</source>
        <translation>fork 服务进程报告:%1</translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>被杀死</translation>
    </message>
    <message numerus="yes">
        <source>%n exited with code 0</source>
        <translation>
            <numerusform>%n 个以退出码 0 退出</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exited with an error code</source>
        <translation>
            <numerusform>%n 个以错误码退出</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ended by a signal</source>
        <translation>
            <numerusform>%n 个被信号结束</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n 个工作进程</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>,</translation>
    </message>
    <message>
        <source>%1 in %2 s (sum of worker lifetimes %3 s, longest %4 s)</source>
        <translation>%1,用时 %2 秒(工作进程存活时间总和 %3 秒,最长 %4 秒)</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>Processes: start, join, PID, daemon</source>
        <translation>进程:start、join、PID、守护进程</translation>
    </message>
    <message>
        <source>Starts worker processes that print their PID and their parent&apos;s PID, then work for a while. Joining each worker right after starting it runs them one after another (the tutorials&apos; Example 1: the run takes about the sum of the work); starting all first and then joining them runs them at the same time (Example 2: about the longest). Daemon workers are terminated when the main process ends; terminate-after stops workers that run too long.</source>
        <translation>启动若干工作进程,它们打印自己的 PID 和父进程的 PID,然后工作一段时间。每启动一个工作进程就立即 join 它,它们会一个接一个地运行(教程中的例 1:总用时约等于各自工作时间之和);先全部启动再逐个 join,它们会同时运行(例 2:总用时约等于最长的那个)。守护进程会在主进程结束时被终止;“超时终止”会终止运行过久的工作进程。</translation>
    </message>
</context>
</TS>
