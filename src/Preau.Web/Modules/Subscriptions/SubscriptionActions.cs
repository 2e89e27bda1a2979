using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Subscriptions.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Subscriptions;

public sealed record NewSubscription(Guid AuthorityId, string YearLabel, SubscriptionKind Kind, DateOnly? TrialStartsOn, DateOnly? TrialEndsOn,
    bool AllSchools, IReadOnlyCollection<Guid> SchoolIds, string? Reference);

/// <summary>Recording, renewing and removing subscriptions, and the enforcement setting; each audited, each dropping the coverage cache.</summary>
public sealed class SubscriptionActions(PreauDbContext db, AuditTrail audit, INotifier notifier, ISharedCache cache, TimeProvider time)
{
    /// <summary>Records a subscription; returns a French error, or null.</summary>
    public async Task<string?> CreateAsync(Guid actorId, NewSubscription input, CancellationToken ct = default)
    {
        if (!SchoolYears.TryParse(input.YearLabel, out var startYear))
        {
            return "Choisissez l'année scolaire.";
        }
        var authority = await db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == input.AuthorityId && !a.IsArchived, ct);
        if (authority is null)
        {
            return "Choisissez la collectivité.";
        }
        var (starts, ends) = (SchoolYears.StartsOn(startYear), SchoolYears.EndsOn(startYear));
        if (input.Kind == SubscriptionKind.Trial)
        {
            if (input.TrialEndsOn is not { } end)
            {
                return "Indiquez la date de fin de l'essai.";
            }
            (starts, ends) = (input.TrialStartsOn ?? Platform.Time.ParisDate.Today(time), end);
            if (ends < starts)
            {
                return "La fin de l'essai doit suivre son début.";
            }
        }
        var schoolIds = input.SchoolIds.Distinct().ToList();
        if (!input.AllSchools)
        {
            if (schoolIds.Count == 0)
            {
                return "Choisissez les écoles couvertes, ou « toutes les écoles de la collectivité ».";
            }
            var own = await db.Schools.AsNoTracking().CountAsync(s => schoolIds.Contains(s.Id) && s.LocalAuthorityId == authority.Id, ct);
            if (own != schoolIds.Count)
            {
                return "Certaines écoles choisies n'appartiennent pas à cette collectivité.";
            }
        }
        var subscription = new Subscription
        {
            LocalAuthorityId = authority.Id,
            YearLabel = SchoolYears.Label(startYear),
            Kind = input.Kind,
            StartsOn = starts,
            EndsOn = ends,
            AllSchools = input.AllSchools,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedById = actorId,
        };
        Add(subscription, input.AllSchools ? [] : schoolIds);
        audit.Add(actorId, "subscription.create", "LocalAuthority", authority.Id,
            $"{subscription.YearLabel} {subscription.Kind} {starts:yyyy-MM-dd}..{ends:yyyy-MM-dd} {(input.AllSchools ? "toutes les écoles" : $"{schoolIds.Count} école(s)")}");
        await NotifyAgentsAsync(authority.Id, $"Abonnement à Préau enregistré pour {subscription.YearLabel}", ct);
        await db.SaveChangesAsync(ct);
        SchoolCoverage.Changed(cache, time);
        return null;
    }

    /// <summary>
    /// Renews for next year, in one action, the current year's subscriptions of the given collectivités (all of them
    /// when null) that have none for next year yet: the same schools (all, or the union of those listed, trials
    /// included), for the whole next school year. Returns how many collectivités were renewed.
    /// </summary>
    public async Task<int> RenewAsync(Guid actorId, IReadOnlyCollection<Guid>? authorityIds, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var (thisYear, nextStart) = (SchoolYears.Current(today), SchoolYears.StartYear(today) + 1);
        var nextYear = SchoolYears.Label(nextStart);
        var current = await db.Subscriptions.AsNoTracking()
            .Where(s => s.YearLabel == thisYear && (authorityIds == null || authorityIds.Contains(s.LocalAuthorityId))
                && !db.Subscriptions.Any(n => n.LocalAuthorityId == s.LocalAuthorityId && n.YearLabel == nextYear))
            .ToListAsync(ct);
        var ids = current.Select(s => s.Id).ToList();
        var listed = (await db.SubscriptionSchools.AsNoTracking().Where(l => ids.Contains(l.SubscriptionId)).ToListAsync(ct))
            .ToLookup(l => l.SubscriptionId, l => l.SchoolId);
        var renewed = 0;
        foreach (var group in current.GroupBy(s => s.LocalAuthorityId))
        {
            var all = group.Any(s => s.AllSchools);
            var schools = all ? [] : group.SelectMany(s => listed[s.Id]).Distinct().ToList();
            var from = group.OrderByDescending(s => s.Kind == SubscriptionKind.SchoolYear).ThenByDescending(s => s.EndsOn).First();
            Add(new Subscription
            {
                LocalAuthorityId = group.Key,
                YearLabel = nextYear,
                Kind = SubscriptionKind.SchoolYear,
                StartsOn = SchoolYears.StartsOn(nextStart),
                EndsOn = SchoolYears.EndsOn(nextStart),
                AllSchools = all,
                Reference = from.Reference,
                CreatedAt = time.GetUtcNow().UtcDateTime,
                CreatedById = actorId,
                RenewedFromId = from.Id,
            }, schools);
            audit.Add(actorId, "subscription.renew", "LocalAuthority", group.Key, $"{thisYear} -> {nextYear} {(all ? "toutes les écoles" : $"{schools.Count} école(s)")}");
            await NotifyAgentsAsync(group.Key, $"Abonnement à Préau renouvelé pour {nextYear}", ct);
            renewed++;
        }
        await db.SaveChangesAsync(ct);
        SchoolCoverage.Changed(cache, time);
        return renewed;
    }

    /// <summary>Removes a subscription recorded by mistake (the schools' content is never touched).</summary>
    public async Task<bool> DeleteAsync(Guid actorId, Guid subscriptionId, CancellationToken ct = default)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null)
        {
            return false;
        }
        db.SubscriptionSchools.RemoveRange(await db.SubscriptionSchools.Where(l => l.SubscriptionId == subscriptionId).ToListAsync(ct));
        db.Subscriptions.Remove(subscription);
        audit.Add(actorId, "subscription.delete", "LocalAuthority", subscription.LocalAuthorityId,
            $"{subscription.YearLabel} {subscription.Kind} {subscription.StartsOn:yyyy-MM-dd}..{subscription.EndsOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        SchoolCoverage.Changed(cache, time);
        return true;
    }

    public async Task SetEnforcementAsync(Guid actorId, bool enforce, CancellationToken ct = default)
    {
        var settings = await db.SubscriptionSettings.FirstOrDefaultAsync(s => s.Id == 1, ct);
        if (settings is null)
        {
            db.SubscriptionSettings.Add(settings = new SubscriptionSettings());
        }
        if (settings.EnforceReadOnly != enforce)
        {
            settings.EnforceReadOnly = enforce;
            audit.Add(actorId, enforce ? "subscription.enforce-on" : "subscription.enforce-off");
        }
        await db.SaveChangesAsync(ct);
        SchoolCoverage.Changed(cache, time);
    }

    private void Add(Subscription subscription, IReadOnlyCollection<Guid> schoolIds)
    {
        db.Subscriptions.Add(subscription);
        db.SubscriptionSchools.AddRange(schoolIds.Select(id => new SubscriptionSchool { SubscriptionId = subscription.Id, SchoolId = id }));
    }

    private async Task NotifyAgentsAsync(Guid authorityId, string title, CancellationToken ct)
    {
        var agents = await db.Memberships.AsNoTracking()
            .Where(m => m.Role == Role.MunicipalAgent && m.ScopeType == ScopeType.LocalAuthority && m.ScopeId == authorityId)
            .Select(m => m.PersonId).Distinct().ToListAsync(ct);
        if (agents.Count > 0)
        {
            notifier.Enqueue(agents, NotificationKind.Subscription, title, $"/collectivite/{authorityId}/abonnement");
        }
    }
}
