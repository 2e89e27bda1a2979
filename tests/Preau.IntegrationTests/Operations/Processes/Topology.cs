using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>Helpers shared by the process tests: ports, tools, the repository, waiting for a server.</summary>
internal static class Topology
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An executable on the PATH or in the usual Debian folders (sbin is not on every PATH).</summary>
    public static string? FindTool(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Preau.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Preau.slnx) not found above " + AppContext.BaseDirectory);
    }

    public static string NewTempFolder(string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"preau-{what}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Nothing listens on port {port} after {timeout}. {diagnostics?.Invoke()}");
    }
}

/// <summary>A child process whose output is kept (the last lines go into a failing test's message).</summary>
internal abstract class ChildProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    protected Process? Process { get; private set; }

    public bool HasExited => Process is null || Process.HasExited;

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>
    /// How an exited process ended, with its last lines: the redirected output is read asynchronously, so a process
    /// that just died may still have lines in flight (a CI failure once showed an empty tail); the wait drains them.
    /// </summary>
    public string Ending()
    {
        if (Process is not { HasExited: true } p)
        {
            return Tail();
        }
        p.WaitForExit();
        return $"exit code {p.ExitCode}\n{Tail()}";
    }

    protected void Start(string file, IEnumerable<string> arguments, IDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Process = process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>kill -9: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (Process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(10_000);
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        Kill();
        Process?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One Préau instance: the test's own build of Preau.Web.dll (no second build), run by <c>dotnet</c> in Production
/// with the repository's src/Preau.Web as content root, on PostgreSQL, listening on its own loopback port.
/// </summary>
internal sealed class AppInstance : ChildProcess
{
    private readonly Dictionary<string, string?> _settings;

    public AppInstance(string name, int port, Dictionary<string, string?> settings)
    {
        Name = name;
        Port = port;
        _settings = settings;
    }

    public string Name { get; }
    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : Topology.FindTool("dotnet") ?? "dotnet";

    /// <summary>Starts the process and waits until /readyz answers 200 (database migrated, demo seeded when asked).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>(_settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_CONTENTROOT"] = Path.Combine(Topology.RepositoryRoot(), "src", "Preau.Web"),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        Start(Dotnet, [Path.Combine(AppContext.BaseDirectory, "Preau.Web.dll")], environment);
        await WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(180));
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"Instance {Name} exited at start, {Ending()}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(Address, "/readyz"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Instance {Name} not ready after {timeout}:\n{Tail()}");
    }
}

/// <summary>redis-server on its own port and folder, nothing persisted.</summary>
internal sealed class RedisServer : ChildProcess
{
    private readonly string _folder = Topology.NewTempFolder("redis");

    public int Port { get; } = Topology.FreePort();
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task StartAsync()
    {
        Start(Topology.FindTool("redis-server")!, ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder,
            "--save", "", "--appendonly", "no", "--daemonize", "no"], new Dictionary<string, string?>(), _folder);
        await Topology.WaitForPortAsync(Port, TimeSpan.FromSeconds(30), () => Tail());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TryDelete(_folder);
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned later.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}

/// <summary>
/// nginx with its own configuration in a temp folder: one upstream of the instances, the next one tried on a
/// connection error or timeout (short fail timeouts), WebSocket upgrade for SignalR, X-Forwarded-* for the app.
/// </summary>
internal sealed class NginxProxy : ChildProcess
{
    private readonly string _folder = Topology.NewTempFolder("nginx");

    public int Port { get; } = Topology.FreePort();
    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public async Task StartAsync(IEnumerable<int> upstreamPorts)
    {
        var servers = string.Join("\n", upstreamPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;"));
        // The workers run as root only when the test does (CI): they must write the temp folders created here.
        var user = Environment.UserName == "root" ? "user root;" : "";
        var config = $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                upstream preau {
            {{servers}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{Port}};
                    location / {
                        proxy_pass http://preau;
                        proxy_http_version 1.1;
                        proxy_next_upstream error timeout;
                        proxy_next_upstream_tries 2;
                        proxy_connect_timeout 1s;
                        proxy_read_timeout 30s;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                    }
                }
            }
            """;
        var file = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        Start(Topology.FindTool("nginx")!, ["-p", _folder, "-e", Path.Combine(_folder, "error.log"), "-c", file], new Dictionary<string, string?>(), _folder);
        await Topology.WaitForPortAsync(Port, TimeSpan.FromSeconds(30), () => Tail() + ErrorLog());
    }

    public string ErrorLog()
    {
        var path = Path.Combine(_folder, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public override async ValueTask DisposeAsync()
    {
        // nginx's master stops its worker on SIGTERM; kill -9 would leave the worker holding the port.
        if (Process is { HasExited: false } p)
        {
            using var stop = System.Diagnostics.Process.Start(Topology.FindTool("kill") ?? "kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)]);
            if (!p.WaitForExit(10_000))
            {
                p.Kill(entireProcessTree: true);
            }
        }
        await base.DisposeAsync();
        RedisServer.TryDelete(_folder);
    }
}

/// <summary>An administrative command of the same program (<c>Preau.Web.dll import onde …</c>, <c>bench import …</c>).</summary>
internal sealed class AppCommand(string[] arguments, Dictionary<string, string?> settings) : ChildProcess
{
    public void Run()
    {
        var environment = new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_CONTENTROOT"] = Path.Combine(Topology.RepositoryRoot(), "src", "Preau.Web"),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Start(AppInstance.Dotnet, [Path.Combine(AppContext.BaseDirectory, "Preau.Web.dll"), .. arguments], environment);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Process!.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }
}
