using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// When something a <see cref="Contracts.RememberedStatement"/> reads last changed, in this process, statement by
/// statement: per place (a class, school, group, pupil or agenda whose rows changed), everywhere (a change whose place
/// is not known), and which services of which spaces each person opened (for the « new » counts). Times are ticks of
/// one counter, so that a result remembered with the tick read before its query (<see cref="Now"/>) is known to be
/// still true while nothing it depends on has a later tick (ADR 0040, 0041). Several instances tell each other
/// (<see cref="IInstanceBroadcast"/>): a write or a visit on one is heard on the others.
/// </summary>
public sealed class SpaceActivity
{
    private const string Channel = "space-activity";
    private const string Everywhere = "*";

    /// <summary>Past this many places and persons remembered, forget them all and count everything again (bounded memory).</summary>
    internal const int MaxRemembered = 50_000;

    /// <summary>How long a person's visits are kept here: longer than results are remembered (<see cref="RememberedResults.RememberedFor"/>).</summary>
    private static readonly TimeSpan VisitsKeptFor = RememberedResults.RememberedFor * 2;

    private readonly IInstanceBroadcast _others;
    private long _clock;
    // When every place was forgotten (Bound), and per statement when something changed everywhere.
    private readonly StrongBox<long> _forgotten = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _everywhere = new();
    // Per statement, places changed (and persons whose visits another instance wrote).
    private readonly ConcurrentDictionary<(string Statement, Guid Place), long> _ticks = new();
    // The services of spaces each person opened on this instance lately, with the tick of each visit.
    private readonly ConcurrentDictionary<Guid, List<(string Service, Guid Space, long Tick, DateTime At)>> _visits = new();

    public SpaceActivity(IInstanceBroadcast others)
    {
        _others = others;
        others.Subscribe(Channel, message =>
        {
            // « statement place », the place being « * » for everywhere.
            var split = message.LastIndexOf(' ');
            if (split <= 0)
            {
                return;
            }
            var statement = message[..split];
            var place = message[(split + 1)..];
            if (place == Everywhere)
            {
                Tick(EverywhereOf(statement));
            }
            else if (Guid.TryParseExact(place, "N", out var id))
            {
                Tick(statement, id);
            }
        });
    }

    /// <summary>Read before running a statement: the tick a remembered result is valid from.</summary>
    public long Now => Volatile.Read(ref _clock);

    /// <summary>After a change to what the statement reads in this place is committed.</summary>
    public void Changed(string statement, Guid place)
    {
        Tick(statement, place);
        _others.Publish(Channel, $"{statement} {place:N}");
    }

    /// <summary>After a committed change whose place is not known (a bulk update or delete, a person's photo authorisation).</summary>
    public void ChangedEverywhere(string statement)
    {
        Tick(EverywhereOf(statement));
        _others.Publish(Channel, $"{statement} {Everywhere}");
    }

    /// <summary>
    /// A person opened a service of a space at <paramref name="at"/>: whatever was counted new there is seen, and their
    /// remembered counts hold without it (what appears there later is a change of the space). The other instances hear
    /// of it once it is written (<see cref="VisitsWritten"/>): told before, they would count again without it and keep that.
    /// </summary>
    public void Visited(Guid person, string service, Guid space, DateTime at)
    {
        Bound();
        var visits = _visits.GetOrAdd(person, _ => []);
        lock (visits)
        {
            visits.RemoveAll(v => v.At < at - VisitsKeptFor);
            visits.Add((service, space, Interlocked.Increment(ref _clock), at));
        }
    }

    /// <summary>These persons' visits are in the database now: the other instances take the statement again for them.</summary>
    public void VisitsWritten(string statement, IEnumerable<Guid> persons)
    {
        foreach (var person in persons)
        {
            _others.Publish(Channel, $"{statement} {person:N}");
        }
    }

    /// <summary>
    /// Whether a result of the statement taken at <paramref name="since"/> for this owner and these places still
    /// holds: nothing changed there or everywhere after it.
    /// </summary>
    public bool UnchangedSince(string statement, long since, Guid owner, IEnumerable<Guid> places)
    {
        if (Volatile.Read(ref _forgotten.Value) > since || Volatile.Read(ref EverywhereOf(statement).Value) > since || (_ticks.TryGetValue((statement, owner), out var p) && p > since))
        {
            return false;
        }
        foreach (var place in places)
        {
            if (_ticks.TryGetValue((statement, place), out var t) && t > since)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The services of spaces the person opened after <paramref name="since"/>, on this instance.</summary>
    public IReadOnlyCollection<(string Service, Guid Space)> VisitedSince(Guid person, long since)
    {
        if (!_visits.TryGetValue(person, out var visits))
        {
            return [];
        }
        // Asked on every home page: most often nothing was visited since, and nothing is built then.
        List<(string Service, Guid Space)>? found = null;
        lock (visits)
        {
            foreach (var v in visits)
            {
                if (v.Tick > since)
                {
                    (found ??= []).Add((v.Service, v.Space));
                }
            }
        }
        return found ?? (IReadOnlyCollection<(string Service, Guid Space)>)[];
    }

    private StrongBox<long> EverywhereOf(string statement) => _everywhere.GetOrAdd(statement, _ => new StrongBox<long>());

    private void Tick(string statement, Guid place)
    {
        Bound();
        var tick = Interlocked.Increment(ref _clock);
        _ticks.AddOrUpdate((statement, place), tick, (_, old) => Math.Max(old, tick));
    }

    private void Tick(StrongBox<long> box)
    {
        var tick = Interlocked.Increment(ref _clock);
        long seen;
        do
        {
            seen = Volatile.Read(ref box.Value);
        }
        while (seen < tick && Interlocked.CompareExchange(ref box.Value, tick, seen) != seen);
    }

    /// <summary>Forgets every place and visit past <see cref="MaxRemembered"/>, and so every remembered result.</summary>
    private void Bound()
    {
        if (_ticks.Count + _visits.Count >= MaxRemembered)
        {
            Tick(_forgotten);
            _ticks.Clear();
            _visits.Clear();
        }
    }
}
