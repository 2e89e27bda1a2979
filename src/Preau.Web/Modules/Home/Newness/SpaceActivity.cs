using System.Collections.Concurrent;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// When something the home page's « new » counts read last changed, in this process: per space (a class, school or
/// group whose content changed), everywhere (a change whose space is not known), and which services of which spaces
/// each person opened. Times are ticks of one counter, so that a count remembered with the tick read before its query
/// (<see cref="Now"/>) is known to be still true while nothing it depends on has a later tick (ADR 0040). Several
/// instances tell each other (<see cref="IInstanceBroadcast"/>): a write or a visit on one is heard on the others.
/// </summary>
public sealed class SpaceActivity
{
    private const string Channel = "space-activity";
    private const string Everywhere = "*";

    /// <summary>Past this many spaces and persons remembered, forget them all and count everything again (bounded memory).</summary>
    internal const int MaxRemembered = 50_000;

    /// <summary>How long a person's visits are kept here: longer than counts are remembered (<see cref="NewSinceLastVisit.RememberedFor"/>).</summary>
    private static readonly TimeSpan VisitsKeptFor = NewSinceLastVisit.RememberedFor * 2;

    private readonly IInstanceBroadcast _others;
    private long _clock;
    private long _everywhere;
    // Spaces changed, and persons whose visits another instance wrote.
    private readonly ConcurrentDictionary<Guid, long> _ticks = new();
    // The services of spaces each person opened on this instance lately, with the tick of each visit.
    private readonly ConcurrentDictionary<Guid, List<(string Service, Guid Space, long Tick, DateTime At)>> _visits = new();

    public SpaceActivity(IInstanceBroadcast others)
    {
        _others = others;
        others.Subscribe(Channel, message =>
        {
            if (message == Everywhere)
            {
                Tick(ref _everywhere);
            }
            else if (Guid.TryParseExact(message, "N", out var id))
            {
                Tick(id);
            }
        });
    }

    /// <summary>Read before counting: the tick a remembered count is valid from.</summary>
    public long Now => Volatile.Read(ref _clock);

    /// <summary>After a change in this space is committed.</summary>
    public void Changed(Guid space)
    {
        Tick(space);
        _others.Publish(Channel, space.ToString("N"));
    }

    /// <summary>After a committed change whose space is not known (a bulk update or delete, a person's photo authorisation).</summary>
    public void ChangedEverywhere()
    {
        Tick(ref _everywhere);
        _others.Publish(Channel, Everywhere);
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

    /// <summary>These persons' visits are in the database now: the other instances take their counts again.</summary>
    public void VisitsWritten(IEnumerable<Guid> persons)
    {
        foreach (var person in persons)
        {
            _others.Publish(Channel, person.ToString("N"));
        }
    }

    /// <summary>
    /// Whether counts taken at <paramref name="since"/> for this person and these spaces still hold: nothing changed
    /// there or everywhere after it. <paramref name="seen"/>: the services of spaces the person opened since, whose
    /// counts are now nothing.
    /// </summary>
    public bool UnchangedSince(long since, Guid person, IEnumerable<Guid> spaces, out IReadOnlyCollection<(string Service, Guid Space)> seen)
    {
        seen = [];
        if (Volatile.Read(ref _everywhere) > since || (_ticks.TryGetValue(person, out var p) && p > since))
        {
            return false;
        }
        foreach (var space in spaces)
        {
            if (_ticks.TryGetValue(space, out var t) && t > since)
            {
                return false;
            }
        }
        if (_visits.TryGetValue(person, out var visits))
        {
            lock (visits)
            {
                seen = [.. visits.Where(v => v.Tick > since).Select(v => (v.Service, v.Space))];
            }
        }
        return true;
    }

    private void Tick(Guid id)
    {
        Bound();
        var tick = Interlocked.Increment(ref _clock);
        _ticks.AddOrUpdate(id, tick, (_, old) => Math.Max(old, tick));
    }

    private void Tick(ref long field)
    {
        var tick = Interlocked.Increment(ref _clock);
        long seen;
        do
        {
            seen = Volatile.Read(ref field);
        }
        while (seen < tick && Interlocked.CompareExchange(ref field, tick, seen) != seen);
    }

    /// <summary>Forgets every space and visit past <see cref="MaxRemembered"/>, and so every remembered count.</summary>
    private void Bound()
    {
        if (_ticks.Count + _visits.Count >= MaxRemembered)
        {
            Tick(ref _everywhere);
            _ticks.Clear();
            _visits.Clear();
        }
    }
}
