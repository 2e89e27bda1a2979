using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.UsageStats;

/// <summary>
/// The raw usage events keep a person id only to count distinct people. At the end of the grace period it is replaced
/// by a random one, the same for all of that person's events: nothing leads back to them, and the week's and month's
/// counts that the roll-up recounts from these events stay right. One statement per hundred people: the events have no
/// index by person (they are written at every page), so each statement is one pass over them.
/// </summary>
internal sealed class UsagePersonalData(PreauDbContext db) : IPersonalDataErasure
{
    private const int PerStatement = 100;

    public async Task EraseAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        foreach (var chunk in personIds.Distinct().Chunk(PerStatement))
        {
            // PersonId = CASE PersonId WHEN a THEN <random> WHEN b THEN <random> … END, for the chunk's people only.
            var e = Expression.Parameter(typeof(UsageEvent), "e");
            var person = Expression.Property(e, nameof(UsageEvent.PersonId));
            Expression replacement = person;
            foreach (var id in chunk)
            {
                replacement = Expression.Condition(Expression.Equal(person, Expression.Constant(id)), Expression.Constant(Guid.NewGuid()), replacement);
            }
            var newId = Expression.Lambda<Func<UsageEvent, Guid>>(replacement, e);
            var ids = chunk.ToList();
            await db.Set<UsageEvent>().Where(x => ids.Contains(x.PersonId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.PersonId, newId), ct);
        }
    }
}
