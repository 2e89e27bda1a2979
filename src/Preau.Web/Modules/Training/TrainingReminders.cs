using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training;

/// <summary>
/// The day before a session (Paris), its registered teachers get a notification, and so an e-mail through the
/// notifications outbox per their preference. Each session is claimed by a conditional UPDATE in the same transaction
/// as the notifications, so a reminder goes out once even with several instances or passes running together.
/// </summary>
public sealed class TrainingReminders(PreauDbContext db, INotifier notifier)
{
    /// <summary>Sends the reminders due at <paramref name="nowUtc"/>; returns how many sessions were reminded.</summary>
    public async Task<int> SendDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var tomorrow = DateOnly.FromDateTime(Platform.Time.ParisDate.ToParis(nowUtc)).AddDays(1);
        var until = TrainingTime.EndOfParisDay(tomorrow);
        var due = await db.TrainingSessions.AsNoTracking()
            .Where(s => s.RemindersSentAt == null && s.StartsAt > nowUtc && s.StartsAt < until)
            .OrderBy(s => s.StartsAt).Select(s => new { s.Id, s.Topic, s.StartsAt, s.EndsAt }).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var session in due)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.TrainingSessions.Where(s => s.Id == session.Id && s.RemindersSentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindersSentAt, nowUtc), ct);
            if (claimed == 0)
            {
                continue;
            }
            var people = await db.TrainingRegistrations.AsNoTracking().Where(r => r.SessionId == session.Id).Select(r => r.PersonId).ToListAsync(ct);
            if (people.Count > 0)
            {
                var title = $"Rappel : formation « {Shorten(session.Topic)} » {TrainingTime.Span(session.StartsAt, session.EndsAt)}";
                notifier.Enqueue(people, NotificationKind.Training, title, $"/formations/{session.Id}");
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            sent++;
        }
        return sent;
    }

    private static string Shorten(string topic) => topic.Length <= 80 ? topic : topic[..79] + "…";
}

/// <summary>Runs the reminder pass every quarter of an hour; off with Preau:Training:Reminders=false (the tests run passes themselves).</summary>
internal sealed class TrainingReminderService(IServiceScopeFactory scopes, TimeProvider time, ILogger<TrainingReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<TrainingReminders>().SendDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at first start, or be briefly unreachable: try again later.
                logger.LogWarning(e, "Training reminder pass failed");
            }
            await Task.Delay(TimeSpan.FromMinutes(15), time, stoppingToken);
        }
    }
}
