<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Appearance</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>ChartAxes</name>
    <message>
        <source>seconds since the run started</source>
        <translation>自运行开始以来的秒数</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
    <message>
        <source>ns</source>
        <translation>纳秒</translation>
    </message>
    <message>
        <source>%1 (%2, log scale)</source>
        <translation>%1(%2,对数刻度)</translation>
    </message>
</context>
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
    <message>
        <source>apply_async</source>
        <translation>apply_async</translation>
    </message>
    <message>
        <source>apply</source>
        <translation>apply</translation>
    </message>
    <message>
        <source>map</source>
        <translation>map</translation>
    </message>
    <message>
        <source>sentinel</source>
        <translation>哨兵</translation>
    </message>
    <message>
        <source>joinable</source>
        <translation>可 join 队列</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>加锁</translation>
    </message>
    <message>
        <source>get-then-set</source>
        <translation>先读后写</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数分布</translation>
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
    <name>ConfigDialog</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Load the settings from a scenario file</source>
        <translation>从场景文件载入设置</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>最近(&amp;R)</translation>
    </message>
    <message>
        <source>Scenario files opened or saved lately</source>
        <translation>最近打开或保存的场景文件</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Write these settings to a scenario file (the CLI runs it too)</source>
        <translation>把这些设置写入场景文件(命令行也能运行它)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Cannot Open Scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Cannot Save Scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Configure: %1</source>
        <translation>配置:%1</translation>
    </message>
    <message>
        <source>Apply these settings and start the run (F5)</source>
        <translation>应用这些设置并开始运行(F5)</translation>
    </message>
    <message>
        <source>Apply these settings</source>
        <translation>应用这些设置</translation>
    </message>
    <message>
        <source>Go back to the preset&apos;s settings</source>
        <translation>恢复为预设的设置</translation>
    </message>
</context>
<context>
    <name>ConfigFormBinder</name>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
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
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>CpuSpeedupConfig</name>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作量</translation>
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
    <message>
        <source>Up to</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>Split the work over 1 up to this many processes (and threads).</source>
        <translation>把工作分给 1 个直到这么多个进程(以及线程)。</translation>
    </message>
    <message>
        <source>How long the whole work takes on one CPU, measured on this machine at the start.</source>
        <translation>整份工作在一个 CPU 上需要多长时间,开始时在本机上测定。</translation>
    </message>
    <message>
        <source>Threads too</source>
        <translation>也用线程</translation>
    </message>
    <message>
        <source>Also split the work over threads of one process.</source>
        <translation>同时把工作分给一个进程中的多个线程。</translation>
    </message>
    <message>
        <source>Source folder</source>
        <translation>源文件夹</translation>
    </message>
    <message>
        <source>The folder whose files are copied (the files directly in it).</source>
        <translation>要复制其中文件的文件夹(只复制直接位于其中的文件)。</translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>Where the copies go; created if missing. Empty: the source&apos;s name with [copy] added.</source>
        <translation>副本存放的位置;不存在时自动创建。留空:源文件夹名后加 [copy]。</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>进程池大小</translation>
    </message>
    <message>
        <source>How many files are copied at once (Pool(3) in the seed).</source>
        <translation>同时复制多少个文件(教程中为 Pool(3))。</translation>
    </message>
    <message>
        <source>Chunk size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>How much is read and written at a time.</source>
        <translation>每次读写多少数据。</translation>
    </message>
    <message>
        <source>Delay per chunk</source>
        <translation>每块延迟</translation>
    </message>
    <message>
        <source>A pause after each chunk, to watch the copy happen (the seed sleeps a random time).</source>
        <translation>每复制一块后暂停一下,以便观察复制过程(教程中随机休眠)。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Replace files that already exist in the destination.</source>
        <translation>替换目标文件夹中已存在的文件。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>What the writer puts, one character per item.</source>
        <translation>写入者放入队列的内容,每个字符一项。</translation>
    </message>
    <message>
        <source>Wait before reading</source>
        <translation>读取前等待</translation>
    </message>
    <message>
        <source>How long the main process waits before handing over the reader (the seed&apos;s 1 s).</source>
        <translation>主进程在交出读取任务前等待多久(教程中为 1 秒)。</translation>
    </message>
    <message>
        <source>Time per put</source>
        <translation>每次 put 的时间</translation>
    </message>
    <message>
        <source>How long the writer works between two puts.</source>
        <translation>写入者两次 put 之间工作多久。</translation>
    </message>
    <message>
        <source>How many worker processes the pool has.</source>
        <translation>进程池有多少个工作进程。</translation>
    </message>
    <message>
        <source>How many worker processes the pool has (Pool(3) in the seed).</source>
        <translation>进程池有多少个工作进程(教程中为 Pool(3))。</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>How many tasks the main process hands to the pool.</source>
        <translation>主进程交给进程池多少个任务。</translation>
    </message>
    <message>
        <source>Task time</source>
        <translation>任务时间</translation>
    </message>
    <message>
        <source>How long each task works (mean).</source>
        <translation>每个任务工作多久(平均值)。</translation>
    </message>
    <message>
        <source>Task time spread</source>
        <translation>任务时间分布</translation>
    </message>
    <message>
        <source>fixed: always the task time; uniform: 0 to twice it (the seed&apos;s random()*2); exponential: random with that mean.</source>
        <translation>固定:总是任务时间;均匀分布:0 到两倍之间(教程中的 random()*2);指数分布:以该值为均值的随机数。</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>apply_async: hand over every task, then wait; apply: hand over one task and wait for it before the next; map: the whole list in chunks.</source>
        <translation>apply_async:先交出所有任务再等待;apply:交出一个任务并等它完成后再交下一个;map:把整个列表分块交出。</translation>
    </message>
    <message>
        <source>For map: how many tasks a worker takes at a time.</source>
        <translation>用于 map:工作进程每次取多少个任务。</translation>
    </message>
    <message>
        <source>Max tasks per child</source>
        <translation>每个子进程最多任务数</translation>
    </message>
    <message>
        <source>Replace a worker after this many tasks; 0 keeps the workers for the whole run.</source>
        <translation>工作进程完成这么多任务后被替换;0 表示整个运行期间保留工作进程。</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>How many producer processes put items on the queue.</source>
        <translation>有多少个生产者进程向队列放入数据。</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>How many consumer processes take items off the queue.</source>
        <translation>有多少个消费者进程从队列取出数据。</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>The queue&apos;s maxsize: puts block while it holds this many items; 0 is unbounded (up to a million items).</source>
        <translation>队列的 maxsize:队列中有这么多项时 put 会阻塞;0 表示不限(最多一百万项)。</translation>
    </message>
    <message>
        <source>Items per producer</source>
        <translation>每个生产者的数据项</translation>
    </message>
    <message>
        <source>How many items each producer puts.</source>
        <translation>每个生产者放入多少项数据。</translation>
    </message>
    <message>
        <source>Produce time</source>
        <translation>生产时间</translation>
    </message>
    <message>
        <source>How long a producer works on each item before putting it (mean).</source>
        <translation>生产者在放入每项数据之前工作多久(平均值)。</translation>
    </message>
    <message>
        <source>Produce time spread</source>
        <translation>生产时间分布</translation>
    </message>
    <message>
        <source>fixed: always the produce time; uniform: 0 to twice it; exponential: random with that mean.</source>
        <translation>固定:总是生产时间;均匀分布:0 到两倍之间;指数分布:以该值为均值的随机数。</translation>
    </message>
    <message>
        <source>Consume time</source>
        <translation>消费时间</translation>
    </message>
    <message>
        <source>How long a consumer works on each item it gets (mean).</source>
        <translation>消费者处理取到的每项数据需要多久(平均值)。</translation>
    </message>
    <message>
        <source>Consume time spread</source>
        <translation>消费时间分布</translation>
    </message>
    <message>
        <source>fixed: always the consume time; uniform: 0 to twice it; exponential: random with that mean.</source>
        <translation>固定:总是消费时间;均匀分布:0 到两倍之间;指数分布:以该值为均值的随机数。</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>结束方式</translation>
    </message>
    <message>
        <source>sentinel: one None per consumer ends them; joinable: a JoinableQueue, daemon consumers, and join() until every item is task_done().</source>
        <translation>哨兵:每个消费者一个 None 使其结束;可 join 队列:使用 JoinableQueue 和守护消费者,join() 一直等到每项数据都 task_done()。</translation>
    </message>
    <message>
        <source>How many worker processes (and threads) add to the counters.</source>
        <translation>有多少个工作进程(以及线程)给计数器加数。</translation>
    </message>
    <message>
        <source>Increments</source>
        <translation>加数次数</translation>
    </message>
    <message>
        <source>How often each worker adds one.</source>
        <translation>每个工作进程加一的次数。</translation>
    </message>
    <message>
        <source>Value update</source>
        <translation>Value 更新方式</translation>
    </message>
    <message>
        <source>locked: each += holds the Value&apos;s lock; get-then-set: value.set(value.get() + 1), two steps that other processes can come between.</source>
        <translation>加锁:每次 += 都持有 Value 的锁;先读后写:value.set(value.get() + 1),其他进程可能插在这两步之间。</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>购票者</translation>
    </message>
    <message>
        <source>How many buyer processes try to buy a ticket at the same time.</source>
        <translation>有多少个购票进程同时尝试买票。</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>How many tickets the stock file holds at the start.</source>
        <translation>开始时库存文件中有多少张票。</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>Hold a Lock from reading the stock to writing it back.</source>
        <translation>从读取库存到写回期间持有一把 Lock。</translation>
    </message>
    <message>
        <source>Read delay</source>
        <translation>读取延迟</translation>
    </message>
    <message>
        <source>How long a buyer waits after reading the stock (the seed&apos;s 0.1 s).</source>
        <translation>购票者读取库存后等待多久(教程中为 0.1 秒)。</translation>
    </message>
    <message>
        <source>Write delay</source>
        <translation>写入延迟</translation>
    </message>
    <message>
        <source>How long a buyer takes to write the lower count back (the seed&apos;s 0.2 s).</source>
        <translation>购票者把减少后的数量写回需要多久(教程中为 0.2 秒)。</translation>
    </message>
</context>
<context>
    <name>FolderCopyConfig</name>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择一个文件夹</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>复制</translation>
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
    <name>LockChart</name>
    <message>
        <source>How many processes wait for each lock over the run</source>
        <translation>整个运行期间每把锁各有多少进程在等待</translation>
    </message>
    <message>
        <source>How long the acquisitions of the chosen lock waited for it, and how long they held it</source>
        <translation>所选锁的每次获取等待了多久、持有了多久</translation>
    </message>
    <message>
        <source>The lock whose wait and hold times are shown</source>
        <translation>显示其等待与持有时间的锁</translation>
    </message>
    <message>
        <source>No lock in this run</source>
        <translation>本次运行没有锁</translation>
    </message>
    <message>
        <source>Processes waiting for each lock</source>
        <translation>等待各把锁的进程</translation>
    </message>
    <message>
        <source>processes waiting</source>
        <translation>等待中的进程</translation>
    </message>
    <message>
        <source>wait (acquisitions that waited)</source>
        <translation>等待(需要等待的获取)</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>持有</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>acquisitions</source>
        <translation>获取次数</translation>
    </message>
    <message>
        <source>Wait and hold times of %1</source>
        <translation>%1 的等待与持有时间</translation>
    </message>
    <message>
        <source>%1: no wait or hold time yet</source>
        <translation>%1:还没有等待或持有时间</translation>
    </message>
    <message>
        <source>%1: held by PID %2</source>
        <translation>%1:由 PID %2 持有</translation>
    </message>
    <message>
        <source>%1: free</source>
        <translation>%1:空闲</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
</context>
<context>
    <name>LockSeriesModel</name>
    <message>
        <source>Lock %1</source>
        <translation>锁 %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>获取次数</translation>
    </message>
    <message>
        <source>Contended</source>
        <translation>发生争用</translation>
    </message>
    <message>
        <source>Owner died</source>
        <translation>持有者已死</translation>
    </message>
    <message>
        <source>Holder PID</source>
        <translation>持有者 PID</translation>
    </message>
    <message>
        <source>Wait p50</source>
        <translation>等待 p50</translation>
    </message>
    <message>
        <source>Wait p95</source>
        <translation>等待 p95</translation>
    </message>
    <message>
        <source>Wait max</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Hold p50</source>
        <translation>持有 p50</translation>
    </message>
    <message>
        <source>Hold p95</source>
        <translation>持有 p95</translation>
    </message>
    <message>
        <source>Hold max</source>
        <translation>最长持有</translation>
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
        <source>Cannot Open Scenario</source>
        <translation>无法打开场景</translation>
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
    <message>
        <source>Open &amp;Run…</source>
        <translation>打开运行记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Show a saved run (.json) in the window</source>
        <translation>在窗口中显示保存的运行记录(.json)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Save Run &amp;As…</source>
        <translation>运行记录另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the last run with its processes, output and every event, to open it again later</source>
        <translation>保存上一次运行及其进程、输出和所有事件,以便以后再次打开</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Export Trace…</source>
        <translation>导出跟踪(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the last run as a Chrome/Perfetto trace (open it in ui.perfetto.dev or chrome://tracing)</source>
        <translation>把上一次运行写成 Chrome/Perfetto 跟踪文件(可在 ui.perfetto.dev 或 chrome://tracing 中打开)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export E&amp;vents CSV…</source>
        <translation>导出事件 CSV(&amp;V)…</translation>
    </message>
    <message>
        <source>Write every event of the last run as CSV</source>
        <translation>把上一次运行的所有事件写成 CSV</translation>
    </message>
    <message>
        <source>Export &amp;Task Times CSV…</source>
        <translation>导出任务时间 CSV(&amp;T)…</translation>
    </message>
    <message>
        <source>Write each task of the last run with its process, start, end and duration as CSV</source>
        <translation>把上一次运行的每个任务及其进程、开始、结束和耗时写成 CSV</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间线(&amp;T)</translation>
    </message>
    <message>
        <source>One lane per process: states, tasks, waits and holds over time</source>
        <translation>每个进程一条泳道:随时间变化的状态、任务、等待与持有</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Each queue&apos;s depth over time, with its capacity</source>
        <translation>每个队列的深度随时间的变化,以及它的容量</translation>
    </message>
    <message>
        <source>Send &amp;Signal to the Selected Process</source>
        <translation>向选中的进程发送信号(&amp;S)</translation>
    </message>
    <message>
        <source>SIGTERM: ask it to end</source>
        <translation>SIGTERM:请它结束</translation>
    </message>
    <message>
        <source>Send SIGTERM to the process selected in the table (as Process.terminate())</source>
        <translation>向表中选中的进程发送 SIGTERM(即 Process.terminate())</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>SIGKILL: kill it at once</source>
        <translation>SIGKILL:立即杀死</translation>
    </message>
    <message>
        <source>Send SIGKILL to the process selected in the table: it cannot clean up (as Process.kill())</source>
        <translation>向表中选中的进程发送 SIGKILL:它无法做清理(即 Process.kill())</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>SIGSTOP: pause it</source>
        <translation>SIGSTOP:暂停</translation>
    </message>
    <message>
        <source>Send SIGSTOP to the process selected in the table: it stops running until SIGCONT</source>
        <translation>向表中选中的进程发送 SIGSTOP:它会停止运行,直到收到 SIGCONT</translation>
    </message>
    <message>
        <source>SIGCONT: let it go on</source>
        <translation>SIGCONT:继续运行</translation>
    </message>
    <message>
        <source>Send SIGCONT to the process selected in the table</source>
        <translation>向表中选中的进程发送 SIGCONT</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H):</translation>
    </message>
    <message>
        <source>Show the lines of every process, or of one</source>
        <translation>显示所有进程的输出,或只显示其中一个的</translation>
    </message>
    <message>
        <source>&amp;Configure…</source>
        <translation>配置(&amp;C)…</translation>
    </message>
    <message>
        <source>Edit every setting of the scenario in its own dialog (Ctrl+,)</source>
        <translation>在场景自己的对话框中编辑它的全部设置(Ctrl+,)</translation>
    </message>
    <message>
        <source>Open &amp;Recent Scenario</source>
        <translation>打开最近的场景(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Configure Scenario…</source>
        <translation>配置场景(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Save View as &amp;Picture…</source>
        <translation>将视图保存为图片(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the timeline or chart on show as a PNG or SVG picture (or right-click it)</source>
        <translation>把当前显示的时间线或图表保存为 PNG 或 SVG 图片(也可右键单击它)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Locks</source>
        <translation>锁(&amp;L)</translation>
    </message>
    <message>
        <source>How many processes wait for each lock over time, how long they wait and hold it, and who holds it now</source>
        <translation>每把锁随时间有多少进程在等待、等待和持有各多久,以及现在由谁持有</translation>
    </message>
    <message>
        <source>T&amp;asks</source>
        <translation>任务(&amp;A)</translation>
    </message>
    <message>
        <source>How long tasks take, and how many finish per second over the run</source>
        <translation>任务耗时多久,以及运行期间每秒完成多少个</translation>
    </message>
    <message>
        <source>Replay: the run as it was at %1 s of %2 s. Drag the bar under the views, F6 plays.</source>
        <translation>回放:运行在第 %1 秒(共 %2 秒)时的样子。拖动视图下方的进度条,按 F6 播放。</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>%1 events missing from the views%2</source>
        <translation>视图中缺少 %1 个事件%2</translation>
    </message>
    <message>
        <source>, counts exact</source>
        <translation>,计数精确</translation>
    </message>
    <message>
        <source>, counts and percentiles exact</source>
        <translation>,计数和百分位数精确</translation>
    </message>
</context>
<context>
    <name>OutputLog</name>
    <message>
        <source>all processes</source>
        <translation>所有进程</translation>
    </message>
    <message>
        <source>ForkScope: sent SIG%1 to this process</source>
        <translation>ForkScope:已向此进程发送 SIG%1</translation>
    </message>
</context>
<context>
    <name>PictureExport</name>
    <message>
        <source>Made with ForkScope</source>
        <translation>由 ForkScope 生成</translation>
    </message>
    <message>
        <source>cannot draw the picture</source>
        <translation>无法绘制图片</translation>
    </message>
    <message>
        <source>%1: the name must end in .png or .svg</source>
        <translation>%1:文件名必须以 .png 或 .svg 结尾</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1:%2</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Save as Picture</source>
        <translation>保存为图片</translation>
    </message>
    <message>
        <source>Cannot Save Picture</source>
        <translation>无法保存图片</translation>
    </message>
    <message>
        <source>Save as Picture…</source>
        <translation>保存为图片…</translation>
    </message>
    <message>
        <source>Save this view as a PNG or SVG picture</source>
        <translation>把此视图保存为 PNG 或 SVG 图片</translation>
    </message>
</context>
<context>
    <name>PoolConfig</name>
    <message>
        <source>Pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Handing tasks over</source>
        <translation>提交任务的方式</translation>
    </message>
</context>
<context>
    <name>PoolQueueConfig</name>
    <message>
        <source>Pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>Writer task</source>
        <translation>写入任务</translation>
    </message>
    <message>
        <source>Main process</source>
        <translation>主进程</translation>
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
    <name>Problem</name>
    <message>
        <source>must be a whole number in %1..%2, got %3</source>
        <translation>必须是 %1..%2 之间的整数,实际为 %3</translation>
    </message>
    <message>
        <source>must be %1..%2, got %3</source>
        <translation>必须在 %1..%2 之间,实际为 %3</translation>
    </message>
    <message>
        <source>must be one of %1; got %2</source>
        <translation>必须是 %1 之一;实际为 %2</translation>
    </message>
    <message>
        <source>must be true or false, got %1</source>
        <translation>必须是 true 或 false,实际为 %1</translation>
    </message>
    <message>
        <source>must be text, got %1</source>
        <translation>必须是文本,实际为 %1</translation>
    </message>
    <message>
        <source>must be at most %1 bytes long, got %2</source>
        <translation>最长 %1 字节,实际为 %2 字节</translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation>不能包含控制字符</translation>
    </message>
    <message>
        <source>must name the folder to copy</source>
        <translation>必须指定要复制的文件夹</translation>
    </message>
    <message>
        <source>folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>folder %1 cannot be read</source>
        <translation>无法读取文件夹 %1</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation>%1 已存在且不是文件夹</translation>
    </message>
    <message>
        <source>%1 is inside the source folder %2</source>
        <translation>%1 位于源文件夹 %2 之内</translation>
    </message>
</context>
<context>
    <name>ProcessTableModel</name>
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
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>RSS</source>
        <translation>RSS 内存</translation>
    </message>
    <message>
        <source>stopped (SIGSTOP)</source>
        <translation>已暂停(SIGSTOP)</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1:%2(%3)</translation>
    </message>
    <message>
        <source>The share of the process&apos;s time it spent blocked on a queue (put or get) or waiting for a lock, as the process measured it itself. Hover over a cell for the time in each state.</source>
        <translation>进程在队列上阻塞(put 或 get)或等待锁的时间占比,由进程自己测量。将鼠标悬停在单元格上可查看各状态的时间。</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Not known exactly: a full ring dropped some of this process&apos;s events.</source>
        <translation>无法精确得知:环形缓冲区已满,丢弃了该进程的部分事件。</translation>
    </message>
    <message>
        <source>Of %1 alive:
%2</source>
        <translation>存活 %1,其中:
%2</translation>
    </message>
    <message>
        <source>
In the states it reported (blocked calls happen while running):
%1</source>
        <translation>
它报告的各状态时间(阻塞调用发生在运行状态中):
%1</translation>
    </message>
</context>
<context>
    <name>ProcessesConfig</name>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Joining</source>
        <translation>join 等待</translation>
    </message>
</context>
<context>
    <name>ProducerConsumerConfig</name>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Producers&apos; work</source>
        <translation>生产者的工作</translation>
    </message>
    <message>
        <source>Consumers&apos; work</source>
        <translation>消费者的工作</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 is not valid JSON (byte %2).</source>
        <translation>%1 不是有效的 JSON(第 %2 字节)。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1:%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1:%2</translation>
    </message>
    <message>
        <source>Export to %1 cancelled; nothing was written.</source>
        <translation>导出到 %1 已取消;没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>QueueChart</name>
    <message>
        <source>How many items each queue holds over the run; its capacity is the dashed line</source>
        <translation>运行期间每个队列中有多少项;虚线是它的容量</translation>
    </message>
    <message>
        <source>No queue in this run</source>
        <translation>本次运行没有队列</translation>
    </message>
    <message>
        <source>items in the queue</source>
        <translation>队列中的项数</translation>
    </message>
    <message>
        <source>Past %1 s the detail was not kept: the lines show each moment&apos;s lowest, highest and last depth</source>
        <translation>%1 秒之后未保留细节:曲线显示每个时刻的最低、最高和最后深度</translation>
    </message>
</context>
<context>
    <name>QueueSeriesModel</name>
    <message>
        <source>%1 (capacity %2)</source>
        <translation>%1(容量 %2)</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent scenario files</source>
        <translation>没有最近的场景文件</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
</context>
<context>
    <name>RecordingReport</name>
    <message>
        <source>result
</source>
        <translation>结果
</translation>
    </message>
    <message>
        <source>telemetry    %1 events recorded over %2 (%3 dropped by full rings, %4 counted but not kept)
</source>
        <translation>遥测    在 %2 内记录了 %1 个事件(环形缓冲区满而丢弃 %3 个,已计数但未保存 %4 个)
</translation>
    </message>
    <message>
        <source>tasks
</source>
        <translation>任务
</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>tasks/s</source>
        <translation>任务/秒</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>最长</translation>
    </message>
    <message>
        <source>queues
</source>
        <translation>队列
</translation>
    </message>
    <message>
        <source>puts</source>
        <translation>put 次数</translation>
    </message>
    <message>
        <source>gets</source>
        <translation>get 次数</translation>
    </message>
    <message>
        <source>items/s</source>
        <translation>项/秒</translation>
    </message>
    <message>
        <source>max depth</source>
        <translation>最大深度</translation>
    </message>
    <message>
        <source>puts blocked</source>
        <translation>put 阻塞</translation>
    </message>
    <message>
        <source>gets blocked</source>
        <translation>get 阻塞</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>lock %1</source>
        <translation>锁 %1</translation>
    </message>
    <message>
        <source>locks
</source>
        <translation>锁
</translation>
    </message>
    <message>
        <source>acquired</source>
        <translation>获得次数</translation>
    </message>
    <message>
        <source>waited</source>
        <translation>等待次数</translation>
    </message>
    <message>
        <source>wait p50</source>
        <translation>等待 p50</translation>
    </message>
    <message>
        <source>wait p99</source>
        <translation>等待 p99</translation>
    </message>
    <message>
        <source>hold p50</source>
        <translation>持有 p50</translation>
    </message>
    <message>
        <source>hold p99</source>
        <translation>持有 p99</translation>
    </message>
    <message>
        <source>owner died</source>
        <translation>持有者死亡</translation>
    </message>
    <message>
        <source>             the counts below are exact: each process counted its own; times, depths and percentiles are from the events recorded
</source>
        <translation>             以下计数是精确的:每个进程自行计数;时间、深度和百分位数来自已记录的事件
</translation>
    </message>
    <message>
        <source>             NOT EXACT: the counts, times, depths and percentiles below are from the events recorded, %1 fewer than happened
</source>
        <translation>             不精确:以下计数、时间、深度和百分位数来自已记录的事件,比实际发生的少 %1 个
</translation>
    </message>
    <message>
        <source>%1 of %2 events were dropped by full rings</source>
        <translation>%2 个事件中有 %1 个因环形缓冲区已满而丢弃</translation>
    </message>
    <message>
        <source>%1 events past the first %2 were counted but not kept</source>
        <translation>前 %2 个之后的 %1 个事件已计数但未保存</translation>
    </message>
    <message>
        <source>; </source>
        <translation>;</translation>
    </message>
    <message>
        <source>the counts and the percentiles are exact (each process kept its own)</source>
        <translation>计数和百分位数是精确的(每个进程自行记录)</translation>
    </message>
    <message>
        <source>the counts are exact (each process counted its own); the percentiles leave them out</source>
        <translation>计数是精确的(每个进程自行计数);百分位数不含这些事件</translation>
    </message>
    <message>
        <source>the counts and the percentiles leave them out too</source>
        <translation>计数和百分位数也不含这些事件</translation>
    </message>
    <message>
        <source>%1: the timeline and the charts leave them out; %2.</source>
        <translation>%1:时间线和图表不含这些事件;%2。</translation>
    </message>
    <message>
        <source>             the counts and percentiles below are exact: each process kept its own; depths are from the events recorded
</source>
        <translation>             以下计数和百分位数是精确的:每个进程自行记录;深度来自已记录的事件
</translation>
    </message>
    <message>
        <source>             the processes waited %1 in all for the collector to make room in their rings: recording every event slowed the run that much
</source>
        <translation>             各进程为等待收集器在环形缓冲区中腾出空间共等待了 %1:记录每个事件使运行慢了这么多
</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>%1 s / %2 s</source>
        <translation>%1 秒 / %2 秒</translation>
    </message>
    <message>
        <source>Replay the run from the start, or pause (F6)</source>
        <translation>从头回放这次运行,或暂停(F6)</translation>
    </message>
    <message>
        <source>Replay: drag to show every view as the run was at that moment; the right end shows the whole run</source>
        <translation>回放:拖动以在所有视图中显示运行在该时刻的样子;拖到最右端显示整个运行</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>购票者</translation>
    </message>
    <message>
        <source>pool worker</source>
        <translation>进程池工作进程</translation>
    </message>
    <message>
        <source>main</source>
        <translation>主进程</translation>
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
    <message>
        <source>This run&apos;s telemetry cannot be read (%1); processes and output are still shown.</source>
        <translation>无法读取本次运行的遥测数据(%1);进程和输出仍会显示。</translation>
    </message>
    <message>
        <source>A run is in progress: stop it before opening another.</source>
        <translation>有一次运行正在进行:请先停止它再打开其他运行。</translation>
    </message>
    <message>
        <source>Process %1 is not a running process of this run: no signal sent.</source>
        <translation>进程 %1 不是本次运行中正在运行的进程:未发送信号。</translation>
    </message>
    <message>
        <source>Cannot send %1 to %2 (%3): %4</source>
        <translation>无法向 %2(%3)发送 %1:%4</translation>
    </message>
    <message>
        <source>An export is being written from this run: wait for it, or cancel it.</source>
        <translation>正在写出此运行的导出文件:请等它完成,或取消它。</translation>
    </message>
</context>
<context>
    <name>RunFiles</name>
    <message>
        <source>There is no run to export yet.</source>
        <translation>还没有可以导出的运行。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A run is in progress: stop it before opening another.</source>
        <translation>有一次运行正在进行:请先停止它再打开其他运行。</translation>
    </message>
    <message>
        <source>Export Trace</source>
        <translation>导出跟踪</translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation>导出事件</translation>
    </message>
    <message>
        <source>Export Task Times</source>
        <translation>导出任务时间</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>保存运行记录</translation>
    </message>
    <message>
        <source>Chrome/Perfetto traces (*.json)</source>
        <translation>Chrome/Perfetto 跟踪文件 (*.json)</translation>
    </message>
    <message>
        <source>ForkScope runs (*.json)</source>
        <translation>ForkScope 运行记录 (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>打开运行记录</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>An export is being written: wait for it, or cancel it.</source>
        <translation>正在写出导出文件:请等它完成,或取消它。</translation>
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
    <message numerus="yes">
        <source>%n killed by %1</source>
        <translation>
            <numerusform>%n 个被 %1 杀死</numerusform>
        </translation>
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
    <message>
        <source>CPU speedup: processes and threads</source>
        <translation>CPU 加速:进程与线程</translation>
    </message>
    <message>
        <source>The same CPU-bound work is split over 1, 2, … N processes, then over 1, 2, … N threads of one process, and each split is timed. Processes speed the work up until there are more of them than CPUs. In C++ threads do too; in Python the GIL lets only one thread run Python code at a time, which is why the tutorials use processes for CPU-bound work.</source>
        <translation>同一份 CPU 密集型工作先分给 1、2……N 个进程,再分给一个进程中的 1、2……N 个线程,每种分法都计时。进程数不超过 CPU 数时,进程越多越快。在 C++ 中线程也是如此;而在 Python 中,GIL 同一时刻只允许一个线程执行 Python 代码,所以教程对 CPU 密集型工作使用进程。</translation>
    </message>
    <message>
        <source>Folder copy: a Pool, a queue and progress</source>
        <translation>文件夹复制:进程池、队列与进度</translation>
    </message>
    <message>
        <source>A Pool copies the files of a folder, one task per file; each task puts the file&apos;s name on a queue when it is done, and the main process reads the queue to show the progress. Every copy is written under a temporary name, compared with its source and only then given its final name, so a copy that is killed half way never looks finished; existing files are left alone unless overwrite is set.</source>
        <translation>进程池复制一个文件夹中的文件,每个文件一个任务;每个任务完成时把文件名放入队列,主进程读取队列来显示进度。每个副本先以临时名称写入,与源文件比对后才改为最终名称,因此中途被杀死的复制绝不会看起来已完成;除非设置了覆盖,已存在的文件不会被改动。</translation>
    </message>
    <message>
        <source>Pool queue: tasks talking through a queue</source>
        <translation>进程池中的队列:任务通过队列通信</translation>
    </message>
    <message>
        <source>Two tasks of one Pool share a queue made before the pool. The writer task puts each character of a text; the main process waits, then hands the pool a reader task that gets as many items as qsize() says at that moment. With the wait the reader finds everything; without it the reader can start while the writer is still putting, and reads less.</source>
        <translation>同一个进程池中的两个任务共用一个在进程池之前创建的队列。写入任务把文本的每个字符放入队列;主进程等待一会儿,再交给进程池一个读取任务,它按当时 qsize() 的值取出相应数量的项。有等待时读取者能取到全部内容;没有等待时,读取者可能在写入者仍在放入时就开始,取到的更少。</translation>
    </message>
    <message>
        <source>Pool: apply, apply_async and map</source>
        <translation>进程池:apply、apply_async 与 map</translation>
    </message>
    <message>
        <source>A Pool of a few worker processes runs many tasks. apply() hands over one task and waits for its result, so the tasks run one after another and the run takes about the sum of their times; apply_async() hands them all over and the pool runs as many at once as it has workers; map() cuts the list into chunks of chunksize. The same few PIDs do all the work unless maxtasksperchild makes the pool replace a worker after that many tasks.</source>
        <translation>由几个工作进程组成的进程池运行许多任务。apply() 交出一个任务并等待其结果,因此任务一个接一个地运行,总时间约为各任务时间之和;apply_async() 一次交出所有任务,进程池同时运行的任务数等于其工作进程数;map() 把列表按 chunksize 分块。除非 maxtasksperchild 让进程池在完成相应数量的任务后替换工作进程,否则所有工作都由同样几个 PID 完成。</translation>
    </message>
    <message>
        <source>Producer–consumer: a Queue between processes</source>
        <translation>生产者–消费者:进程之间的队列</translation>
    </message>
    <message>
        <source>Producers put items on a shared Queue and consumers take them off. With a small capacity the producers block on put while the queue is full; with slow producers the consumers block on get while it is empty. The consumers stop either on sentinels (the main process puts one None per consumer after joining the producers) or, with a JoinableQueue, as daemons: every get is answered by task_done(), the main process waits in join() until all items are done and ends, which terminates its daemon consumers.</source>
        <translation>生产者向共享的 Queue 放入数据,消费者从中取出。容量小时,队列满了生产者的 put 就会阻塞;生产者慢时,队列空了消费者的 get 就会阻塞。消费者要么在遇到哨兵时停止(主进程在 join 所有生产者之后为每个消费者放入一个 None),要么使用 JoinableQueue 作为守护进程运行:每次 get 都以 task_done() 回应,主进程在 join() 中等到所有数据处理完毕后结束,其守护消费者随之被终止。</translation>
    </message>
    <message>
        <source>Shared state: globals, Value and threads</source>
        <translation>共享状态:全局变量、Value 与线程</translation>
    </message>
    <message>
        <source>Every worker process adds to a global variable: each sees its own copy grow, and the main process&apos;s copy is unchanged afterwards, because a forked process has its own memory. A Value lives in shared memory and is changed by all of them: exactly when each increment holds its lock, with lost updates when a process reads it and writes it back in two steps. Threads in one process do share its global.</source>
        <translation>每个工作进程都给一个全局变量加数:每个进程看到的是自己的副本在增长,而主进程的副本之后保持不变,因为 fork 出的进程有自己的内存。Value 位于共享内存中,被所有进程修改:每次加一都持有锁时结果精确;进程分两步读取再写回时会丢失更新。同一进程中的线程则确实共享该进程的全局变量。</translation>
    </message>
    <message>
        <source>Ticket race: a Lock around read-modify-write</source>
        <translation>抢票:用 Lock 保护读-改-写</translation>
    </message>
    <message>
        <source>Buyers check the stock kept in a JSON file, then buy: read the count, wait, write it back one lower. Without a lock they all read the same count before anyone writes, so every buyer gets the last ticket: more tickets are sold than there were. With a Lock around the purchase the buyers take turns (the timeline shows them waiting for it) and exactly the stock is sold.</source>
        <translation>购票者先查看保存在 JSON 文件中的库存,然后购买:读取数量、等待、写回减一后的数量。没有锁时,所有人都在有人写入之前读到了相同的数量,于是每个购票者都买到了最后一张票:卖出的票比实际多。购票过程加上 Lock 后,购票者轮流进行(时间线上能看到他们在等锁),卖出的正好是库存数量。</translation>
    </message>
</context>
<context>
    <name>ScenarioFiles</name>
    <message>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>ForkScope scenarios (*.json)</source>
        <translation>ForkScope 场景 (*.json)</translation>
    </message>
    <message>
        <source>Save Scenario As</source>
        <translation>场景另存为</translation>
    </message>
</context>
<context>
    <name>SharedStateConfig</name>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Shared Value</source>
        <translation>共享 Value</translation>
    </message>
</context>
<context>
    <name>TaskChart</name>
    <message>
        <source>How many tasks finished per second over the run</source>
        <translation>运行期间每秒完成的任务数</translation>
    </message>
    <message>
        <source>How many tasks took how long</source>
        <translation>各耗时区间的任务数</translation>
    </message>
    <message>
        <source>No task in this run</source>
        <translation>本次运行没有任务</translation>
    </message>
    <message>
        <source>Tasks finished per second</source>
        <translation>每秒完成的任务</translation>
    </message>
    <message>
        <source>tasks per second</source>
        <translation>任务/秒</translation>
    </message>
    <message>
        <source>Task durations</source>
        <translation>任务耗时</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>task duration</source>
        <translation>任务耗时</translation>
    </message>
</context>
<context>
    <name>TaskStatsModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 tasks/s</source>
        <translation>%1 个任务/秒</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Duration p50</source>
        <translation>耗时 p50</translation>
    </message>
    <message>
        <source>Duration p95</source>
        <translation>耗时 p95</translation>
    </message>
    <message>
        <source>Duration max</source>
        <translation>最长耗时</translation>
    </message>
    <message>
        <source>Mean throughput</source>
        <translation>平均吞吐量</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>统计量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>No task in this run</source>
        <translation>本次运行没有任务</translation>
    </message>
    <message>
        <source>Tasks: %1, failed: %2; duration p50 %3, p95 %4, max %5; %6</source>
        <translation>任务:%1,失败:%2;耗时 p50 %3,p95 %4,最长 %5;%6</translation>
    </message>
</context>
<context>
    <name>TextFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation>被 %1 杀死</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>队列 %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>blocked on put</source>
        <translation>put 阻塞</translation>
    </message>
    <message>
        <source>blocked on get</source>
        <translation>get 阻塞</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>holding a lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>TicketRaceConfig</name>
    <message>
        <source>Buyers and tickets</source>
        <translation>买家与票</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>waiting for lock %1</source>
        <translation>等待锁 %1</translation>
    </message>
    <message>
        <source>holding lock %1</source>
        <translation>持有锁 %1</translation>
    </message>
    <message>
        <source>waiting on object %1</source>
        <translation>等待对象 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n spans, the first: %1</source>
        <translation>
            <numerusform>%n 个区间,第一个:%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
%2 → %3 (%4)%5</source>
        <translation>%1
%2 → %3(%4)%5</translation>
    </message>
    <message>
        <source>, still going</source>
        <translation>,仍在进行</translation>
    </message>
    <message>
        <source>The timeline of a run appears here: start a scenario, or open a saved run.</source>
        <translation>运行的时间线显示在这里:启动一个场景,或打开保存的运行记录。</translation>
    </message>
    <message>
        <source>process · following</source>
        <translation>进程 · 跟随中</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>SIG%1 sent from ForkScope at %2</source>
        <translation>ForkScope 在 %2 发送了 SIG%1</translation>
    </message>
    <message>
        <source>Wheel or W/S: zoom · drag or A/D: pan · Home: whole run · F: follow the live end · L: put → get arrows</source>
        <translation>滚轮或 W/S:缩放 · 拖动或 A/D:平移 · Home:整个运行 · F:跟随实时末端 · L:put → get 箭头</translation>
    </message>
    <message>
        <source>Show Put → Get Arrows</source>
        <translation>显示 put → get 箭头</translation>
    </message>
    <message>
        <source>An arrow from each queue item&apos;s put to the get that took it (L)</source>
        <translation>从每个队列项的 put 指向取走它的 get 的箭头(L)</translation>
    </message>
    <message>
        <source>the first %1 arrows: zoom in for the rest</source>
        <translation>只显示前 %1 个箭头:放大以查看其余</translation>
    </message>
    <message>
        <source>in join(), waiting for PID %1 to end</source>
        <translation>在 join() 中等待 PID %1 结束</translation>
    </message>
    <message>
        <source>waiting for lock %1, then took it over: its owner had died holding it</source>
        <translation>等待锁 %1,然后接管了它:它的持有者在持有时死亡</translation>
    </message>
    <message>
        <source>blocked on put: %1</source>
        <translation>put 阻塞:%1</translation>
    </message>
    <message>
        <source>blocked on get: %1</source>
        <translation>get 阻塞:%1</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) ended
%1 → %2 (detail not kept: the run&apos;s summary)</source>
        <translation>
            <numerusform>结束了 %n 个任务
%1 → %2(未保留细节:运行摘要)</numerusform>
        </translation>
    </message>
    <message>
        <source>mostly %1
%2 → %3 (detail not kept: the run&apos;s summary)</source>
        <translation>大部分时间%1
%2 → %3(未保留细节:运行摘要)</translation>
    </message>
    <message>
        <source>detail not kept past here: summary</source>
        <translation>此后未保留细节:摘要</translation>
    </message>
</context>
</TS>
