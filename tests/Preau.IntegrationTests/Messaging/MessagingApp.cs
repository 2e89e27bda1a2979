using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Messaging;

/// <summary>
/// The shared test application (same database) with its clock set by the test: pupils' messaging closes at night,
/// so the messaging tests run at noon in Paris whatever the hour of the suite, and move the clock for the curfew.
/// SQL commands are counted, to know what a page costs.
/// </summary>
public sealed class MessagingApp : IAsyncDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly WebApplicationFactory<Program> _factory;

    public MessagingApp(TestApp app)
    {
        Clock = new FakeTimeProvider(TodayAt(12)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(5) };
        _factory = app.WithWebHostBuilder(b =>
        {
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            b.ConfigureLogging(l => l.AddProvider(Commands)
                .AddFilter<CommandCounter>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information));
        });
    }

    public FakeTimeProvider Clock { get; }
    public CommandCounter Commands { get; } = new();

    public IServiceProvider Services => _factory.Services;

    /// <summary>Today in Paris at <paramref name="hour"/> o'clock, so that the school year is today's.</summary>
    public static DateTimeOffset TodayAt(int hour)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddHours(hour);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    public async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = new UserSession(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>Counts the SQL commands EF executes (its "Executed DbCommand" log lines).</summary>
    public sealed class CommandCounter : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public IReadOnlyCollection<string> Commands => _commands;

        public void Reset() => _commands.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _commands);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> commands) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => category == "Microsoft.EntityFrameworkCore.Database.Command";

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
                {
                    commands.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
