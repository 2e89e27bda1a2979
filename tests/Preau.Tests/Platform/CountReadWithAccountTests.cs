using Microsoft.AspNetCore.Http;
using Preau.Web.Modules.Messaging.Contracts;
using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.Tests.Platform;

/// <summary>A count read with the account check serves that person's page only, and only when it is exact.</summary>
public sealed class CountReadWithAccountTests
{
    [Fact]
    public void TheCountReadWithTheAccount_IsKnownForThatPerson()
    {
        var http = new DefaultHttpContext();
        var person = Guid.NewGuid();
        UnreadNotifications.ReadWithAccount.Remember(http, person, 7);
        Assert.Equal(7, UnreadNotifications.ReadWithAccount.KnownFor(http, person));
    }

    [Fact]
    public void AnAgentActingAsSomeoneElse_DoesNotShowTheirOwnCount()
    {
        var http = new DefaultHttpContext();
        UnreadNotifications.ReadWithAccount.Remember(http, Guid.NewGuid(), 7);
        Assert.Null(UnreadNotifications.ReadWithAccount.KnownFor(http, Guid.NewGuid()));
    }

    [Fact]
    public void ARequestWithoutAccountCheck_HasNoKnownCount()
    {
        Assert.Null(UnreadNotifications.ReadWithAccount.KnownFor(new DefaultHttpContext(), Guid.NewGuid()));
        Assert.Null(UnreadNotifications.ReadWithAccount.KnownFor(null, Guid.NewGuid()));
    }

    [Fact]
    public void TwoCounts_AreKeptApart_AndABoundedOneIsKnownOnlyUnderItsBound()
    {
        var http = new DefaultHttpContext();
        var person = Guid.NewGuid();
        UnreadNotifications.ReadWithAccount.Remember(http, person, 3);
        UnreadMessages.ReadWithAccount.Remember(http, person, UnreadMessages.Bound);
        Assert.Equal(3, UnreadNotifications.ReadWithAccount.KnownFor(http, person));
        Assert.Null(UnreadMessages.ReadWithAccount.KnownFor(http, person, UnreadMessages.Bound));
        UnreadMessages.ReadWithAccount.Remember(http, person, UnreadMessages.Bound - 1);
        Assert.Equal(UnreadMessages.Bound - 1, UnreadMessages.ReadWithAccount.KnownFor(http, person, UnreadMessages.Bound));
    }
}
