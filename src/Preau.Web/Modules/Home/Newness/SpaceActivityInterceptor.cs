using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Preau.Web.Modules.Home.Contracts;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// Tells <see cref="SpaceActivity"/> of every committed write to what each remembered statement reads
/// (<see cref="RememberedStatement.Reads"/>): a saved entity in its place (its own class, school, group or pupil — the
/// statement's <see cref="RememberedStatement.Places"/> — or that of a saved entity it refers to), else everywhere; a
/// bulk update or delete naming one of those tables, everywhere. After the commit, never before: a result taken in
/// between would otherwise be remembered as true (ADR 0040, 0041). The person's own visits are told by
/// <see cref="VisitMarks"/>, not here (their writer runs every second).
/// </summary>
internal sealed class SpaceActivityInterceptor(SpaceActivity activity, IEnumerable<RememberedStatement> statements) : SaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly Watched[] _watched = [.. statements.Select(s => new Watched(s))];
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    /// <summary>A statement, with how each kind it reads is placed and the tables it reads (both from the model, once).</summary>
    private sealed class Watched(RememberedStatement statement)
    {
        public RememberedStatement Statement { get; } = statement;
        public Dictionary<Type, Route?>? Routes;
        public Regex? Tables;
    }

    /// <summary>A context's changes saved inside a transaction not committed yet, and whether it is saving now.</summary>
    private sealed class Pending
    {
        public bool Saving;
        public Dictionary<string, Placed> ByStatement { get; } = [];

        public Placed Of(Watched watched) =>
            ByStatement.TryGetValue(watched.Statement.Name, out var placed) ? placed : ByStatement[watched.Statement.Name] = new();
    }

    private sealed class Placed
    {
        public bool Everywhere;
        public HashSet<Guid> Spaces { get; } = [];
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await CollectAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            NotSaving(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        BulkWritten(command, eventData.Context);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        BulkWritten(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is not null && Changed(context) is { } changed)
        {
            try
            {
                foreach (var (watched, entries) in changed.ByStatement)
                {
                    // Every lookup is a synchronous query here: the ValueTask is complete when returned.
                    PlaceAsync(context, changed.Tracked, watched, entries, lookup => ValueTask.FromResult(lookup.ToList())).AsTask().GetAwaiter().GetResult();
                }
            }
            catch
            {
                NotSaving(context);
                throw;
            }
        }
    }

    private async ValueTask CollectAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not null && Changed(context) is { } changed)
        {
            try
            {
                foreach (var (watched, entries) in changed.ByStatement)
                {
                    await PlaceAsync(context, changed.Tracked, watched, entries, async lookup => await lookup.ToListAsync(ct));
                }
            }
            catch
            {
                NotSaving(context);
                throw;
            }
        }
    }

    // A pooled context left « saving » would let every later bulk write of its next users go untold.
    private void NotSaving(DbContext context)
    {
        if (_pending.TryGetValue(context, out var pending))
        {
            pending.Saving = false;
        }
    }

    /// <summary>
    /// The entries about to be saved that can change a statement's results, statement by statement; null when none (and
    /// the context marked as saving).
    /// </summary>
    private (List<EntityEntry> Tracked, List<(Watched, List<EntityEntry>)> ByStatement)? Changed(DbContext context)
    {
        _pending.GetOrCreateValue(context).Saving = true;
        List<(Watched, List<EntityEntry>)>? changed = null;
        // Listed once for every statement (each listing detects changes over all the tracked entities again).
        var tracked = context.ChangeTracker.Entries().ToList();
        var written = tracked.Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified).ToList();
        foreach (var watched in written.Count == 0 ? [] : _watched)
        {
            List<EntityEntry>? entries = null;
            foreach (var entry in written)
            {
                if (watched.Statement.Reads.TryGetValue(entry.Metadata.ClrType, out var read)
                    && !(entry.State == EntityState.Added && watched.Statement.AddedUnseen.Contains(entry.Metadata.ClrType))
                    && (entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && (read is null || read.Contains(p.Metadata.Name)))))
                {
                    (entries ??= []).Add(entry);
                }
            }
            if (entries is not null)
            {
                (changed ??= []).Add((watched, entries));
            }
        }
        return changed is null ? null : (tracked, changed);
    }

    /// <summary>
    /// Places the changed entities: by their own class, school or group; else by what they refer to (a photo by its
    /// album, a tag by its photo), found among the entities the same context tracks or, failing that, read from the
    /// database before the save (one small query per kind, for the few writes that need one: an article, a photo, a
    /// message); else nowhere known, which means everywhere.
    /// </summary>
    private async ValueTask PlaceAsync(DbContext context, List<EntityEntry> tracked, Watched watched, List<EntityEntry> changed, Func<IQueryable<PlaceRow>, ValueTask<List<PlaceRow>>> run)
    {
        var pending = _pending.GetOrCreateValue(context).Of(watched);
        var routes = watched.Routes ??= BuildRoutes(watched.Statement, context.Model);
        // What the context tracks: the space of some, the next step of others.
        var known = new Dictionary<(Type, Guid), Guid>();
        var links = new Dictionary<(Type, Guid), (Type, Guid)>();
        foreach (var entry in tracked)
        {
            if (routes.GetValueOrDefault(entry.Metadata.ClrType) is { } route && IdOf(entry) is { } id)
            {
                if (route.SpaceProperty is { } space && entry.Property(space).CurrentValue is Guid place)
                {
                    known[(entry.Metadata.ClrType, id)] = place;
                }
                else if (route is { Via: { } via, Target: { } target } && entry.Property(via).CurrentValue is Guid next)
                {
                    links[(entry.Metadata.ClrType, id)] = (target, next);
                }
            }
        }
        // Each changed entity starts where it is; a step at a time towards its space.
        var steps = new List<(Type Type, Guid Id)>();
        foreach (var entry in changed)
        {
            var route = routes.GetValueOrDefault(entry.Metadata.ClrType);
            if (route?.SpaceProperty is { } space)
            {
                var places = Values(entry.Property(space)).ToList();
                // A place left empty (a membership of the territory) is no place a result is asked for: told everywhere
                // rather than trusting that no statement reads it.
                pending.Everywhere |= places.Count == 0;
                pending.Spaces.UnionWith(places);
            }
            else if (route is { Via: { } via, Target: { } target })
            {
                steps.AddRange(Values(entry.Property(via)).Select(v => (target, v)));
            }
            else
            {
                pending.Everywhere = true;
            }
        }
        for (var depth = 0; steps.Count > 0 && depth < 4; depth++)
        {
            var next = new List<(Type, Guid)>();
            var unknown = new List<(Type Type, Guid Id)>();
            foreach (var step in steps.Distinct())
            {
                if (known.TryGetValue(step, out var space))
                {
                    pending.Spaces.Add(space);
                }
                else if (links.TryGetValue(step, out var link))
                {
                    next.Add(link);
                }
                else
                {
                    unknown.Add(step);
                }
            }
            foreach (var kind in unknown.GroupBy(u => u.Type))
            {
                var route = routes.GetValueOrDefault(kind.Key);
                if ((route?.SpaceProperty ?? route?.Via) is not { } column)
                {
                    pending.Everywhere = true;
                    continue;
                }
                var ids = kind.Select(k => k.Id).ToList();
                var found = (await run((IQueryable<PlaceRow>)LookupMethod.MakeGenericMethod(kind.Key).Invoke(null, [context, ids, column])!))
                    .ToDictionary(r => r.Id, r => r.To);
                foreach (var id in ids)
                {
                    if (!found.TryGetValue(id, out var to))
                    {
                        // Not in the database (added or removed by the same save): its space cannot be known.
                        pending.Everywhere = true;
                    }
                    else if (route!.SpaceProperty is not null)
                    {
                        pending.Spaces.Add(to);
                    }
                    else
                    {
                        next.Add((route.Target!, to));
                    }
                }
            }
            steps = next;
        }
        if (steps.Count > 0)
        {
            pending.Everywhere = true;
        }
    }

    /// <summary>A property's value, and the one before if it changed (moved to another class, album or topic).</summary>
    private static IEnumerable<Guid> Values(PropertyEntry property)
    {
        if (property.CurrentValue is Guid current)
        {
            yield return current;
        }
        if (property.EntityEntry.State == EntityState.Modified && property.OriginalValue is Guid before && !before.Equals(property.CurrentValue))
        {
            yield return before;
        }
    }

    /// <summary>An entity and what it refers to on the way to its space (its album, topic, blog or entry), or its space.</summary>
    internal sealed class PlaceRow
    {
        public Guid Id { get; init; }
        public Guid To { get; init; }
    }

    /// <summary>How an entity the counts read is placed in a space.</summary>
    private sealed record Route(string? SpaceProperty, string? Via, Type? Target);

    private static readonly System.Reflection.MethodInfo LookupMethod =
        typeof(SpaceActivityInterceptor).GetMethod(nameof(Lookup), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    // A nullable column is read as such (an empty one is not found, hence everywhere).
    private static IQueryable<PlaceRow> Lookup<T>(DbContext context, List<Guid> ids, string column) where T : class =>
        context.Model.FindEntityType(typeof(T))!.FindProperty(column)!.ClrType == typeof(Guid)
            ? context.Set<T>().AsNoTracking().Where(x => ids.Contains(EF.Property<Guid>(x, "Id")))
                .Select(x => new PlaceRow { Id = EF.Property<Guid>(x, "Id"), To = EF.Property<Guid>(x, column) })
            : context.Set<T>().AsNoTracking().Where(x => ids.Contains(EF.Property<Guid>(x, "Id")) && EF.Property<Guid?>(x, column) != null)
                .Select(x => new PlaceRow { Id = EF.Property<Guid>(x, "Id"), To = EF.Property<Guid?>(x, column)!.Value });

    /// <summary>
    /// How each kind the counts read is placed: its own space property; else the first entity it refers to among those
    /// read (by a foreign key of the model, or by the modules' naming: <c>BlogId</c> for a blog, <c>AlbumId</c> for an
    /// album); else null, and a change to it is told everywhere.
    /// </summary>
    /// <summary>For the tests: how each kind a statement reads is placed (« ScopeId », « AlbumId → Album »), or « everywhere ».</summary>
    internal IReadOnlyDictionary<Type, string> Describe(string statement, Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        var watched = _watched.Single(w => w.Statement.Name == statement).Statement;
        return BuildRoutes(watched, model).ToDictionary(r => r.Key, r => r.Value switch
        {
            { SpaceProperty: { } space } => space,
            { Via: { } via, Target: { } target } => $"{via} → {target.Name}",
            _ => watched.AddedUnseen.Contains(r.Key) ? "referred" : "everywhere",
        });
    }

    private static Dictionary<Type, Route?> BuildRoutes(RememberedStatement statement, Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        var routes = new Dictionary<Type, Route?>();
        var reads = statement.Reads.Keys.ToList();
        var keyed = reads.Where(t => model.FindEntityType(t)?.FindPrimaryKey() is { Properties: [{ Name: "Id", ClrType: var k }] } && k == typeof(Guid)).ToList();
        foreach (var type in reads)
        {
            var entity = model.FindEntityType(type);
            if (entity is null)
            {
                continue;
            }
            var space = statement.Places.FirstOrDefault(n => entity.FindProperty(n) is { ClrType: var t } && (t == typeof(Guid) || t == typeof(Guid?)));
            if (space is not null)
            {
                routes[type] = new Route(space, null, null);
                continue;
            }
            var byKey = entity.GetForeignKeys().FirstOrDefault(f => f.Properties.Count == 1 && f.Properties[0].ClrType == typeof(Guid) && keyed.Contains(f.PrincipalEntityType.ClrType));
            if (byKey is not null)
            {
                routes[type] = new Route(null, byKey.Properties[0].Name, byKey.PrincipalEntityType.ClrType);
                continue;
            }
            var byName = entity.GetProperties()
                .Where(p => p.ClrType == typeof(Guid) && !p.IsPrimaryKey() && p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name.Length > 2)
                .Select(p => (Property: p.Name, Target: keyed.FirstOrDefault(t => t != type && t.Name.EndsWith(p.Name[..^2], StringComparison.Ordinal))))
                .FirstOrDefault(p => p.Target is not null);
            routes[type] = byName.Target is not null ? new Route(null, byName.Property, byName.Target) : null;
        }
        return routes;
    }

    private static Guid? IdOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { Properties: [{ } key] } && entry.Property(key.Name).CurrentValue is Guid id ? id : null;

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        pending.Saving = false;
        // Inside a transaction, told now and again at its commit: a count taken in between is not kept past the commit.
        Tell(pending);
        if (context.Database.CurrentTransaction is null)
        {
            Clear(pending);
        }
    }

    private void BulkWritten(DbCommand command, DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var pending = _pending.GetOrCreateValue(context);
        // What SaveChanges sends was placed entity by entity before it.
        if (pending.Saving)
        {
            return;
        }
        foreach (var watched in _watched)
        {
            if (Tables(watched, context).IsMatch(command.CommandText))
            {
                activity.ChangedEverywhere(watched.Statement.Name);
                if (context.Database.CurrentTransaction is not null)
                {
                    pending.Of(watched).Everywhere = true;
                }
            }
        }
    }

    /// <summary>The tables of a statement's entities, as a statement names them (quoted or not).</summary>
    private static Regex Tables(Watched watched, DbContext context) => watched.Tables ??= new Regex(
        @"(?<![\w])(" + string.Join('|', watched.Statement.Reads.Keys.Select(t => context.Model.FindEntityType(t)?.GetTableName()).OfType<string>().Select(Regex.Escape)) + @")(?![\w])",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            Tell(pending);
            Clear(pending);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            Clear(pending);
        }
    }

    private void Tell(Pending pending)
    {
        foreach (var (statement, placed) in pending.ByStatement)
        {
            if (placed.Everywhere)
            {
                activity.ChangedEverywhere(statement);
            }
            foreach (var space in placed.Spaces)
            {
                activity.Changed(statement, space);
            }
        }
    }

    private static void Clear(Pending pending)
    {
        foreach (var placed in pending.ByStatement.Values)
        {
            placed.Everywhere = false;
            placed.Spaces.Clear();
        }
    }
}
