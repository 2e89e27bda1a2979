using System.Collections.Concurrent;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// When something the home page's « new » counts read last changed, in this process: per space (a class, school or
/// group whose content changed), per person (who just opened a service somewhere) or everywhere (a change whose space is
/// not known). Times are ticks of one counter, so that a count remembered with the tick read before its query
/// (<see cref="Now"/>) is known to be still true while nothing it depends on has a later tick (ADR 0040). Several
/// instances tell each other (<see cref="IInstanceBroadcast"/>): a visit or a write on one is heard on the others.
/// </summary>
public sealed class SpaceActivity
{
    private const string Channel = "space-activity";
    private const string Everywhere = "*";
    private readonly IInstanceBroadcast _others;

    /// <summary>Past this many spaces and persons remembered, forget them all and count everything again (bounded memory).</summary>
    internal const int MaxRemembered = 200_000;

    private long _clock;
    private long _everywhere;
    private readonly ConcurrentDictionary<Guid, long> _ticks = new();

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

    /// <summary>After a change in this space (or by this person) is committed.</summary>
    public void Changed(Guid id)
    {
        Tick(id);
        _others.Publish(Channel, id.ToString("N"));
    }

    /// <summary>
    /// A person opened a service somewhere: their counts here are taken again (the visit is read from memory until
    /// written). The other instances hear of it once it is written (<see cref="VisitsWritten"/>): told before, they
    /// would count again without it and keep that.
    /// </summary>
    public void Visited(Guid person) => Tick(person);

    /// <summary>These persons' visits are in the database now: the other instances take their counts again.</summary>
    public void VisitsWritten(IEnumerable<Guid> persons)
    {
        foreach (var person in persons)
        {
            _others.Publish(Channel, person.ToString("N"));
        }
    }

    /// <summary>After a committed change whose space is not known (a bulk update or delete, a person's photo authorisation).</summary>
    public void ChangedEverywhere()
    {
        Tick(ref _everywhere);
        _others.Publish(Channel, Everywhere);
    }

    private void Tick(Guid id)
    {
        if (_ticks.Count >= MaxRemembered)
        {
            _ticks.Clear();
            Tick(ref _everywhere);
        }
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

    /// <summary>Whether nothing changed in these spaces, for this person or everywhere after <paramref name="since"/>.</summary>
    public bool UnchangedSince(long since, Guid person, IEnumerable<Guid> spaces)
    {
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
        return true;
    }
}
