using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Preau.Web.Modules.UsageStats.Contracts;

namespace Preau.Web.Modules.UsageStats.Capture;

/// <summary>
/// Counts the main action of every service where it happens for sure: when its row is saved. The modules stay
/// unaware of statistics; uses are noted before the save and queued only once it has succeeded. Only the uses of
/// a signed-in person in a request count (imports, seeds and background jobs are not people using the platform).
/// </summary>
public sealed class UsageCaptureInterceptor(IHttpContextAccessor http, IUsageRecorder recorder) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(Guid Person, string Service, string Action)>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var user = http.HttpContext?.User;
        Guid? signedIn = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        List<(Guid, string, string)>? uses = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            UsageCatalog.EntityRule? rule = entry.State switch
            {
                EntityState.Added => UsageCatalog.Inserted.GetValueOrDefault(entry.Metadata.ClrType),
                EntityState.Modified => UsageCatalog.Updated(entry),
                _ => null,
            };
            if (rule is null || (rule.Counts is not null && !rule.Counts(entry.Entity)))
            {
                continue;
            }
            var person = rule.Actor is not null ? rule.Actor(entry.Entity) : signedIn;
            if (person is null || http.HttpContext is null)
            {
                continue;
            }
            (uses ??= []).Add((person.Value, rule.Service, rule.Action));
        }
        if (uses is not null)
        {
            _pending.AddOrUpdate(context, uses);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var uses))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var (person, service, action) in uses)
        {
            recorder.Record(person, service, action);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
