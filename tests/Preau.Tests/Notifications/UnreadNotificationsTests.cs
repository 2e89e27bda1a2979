using Microsoft.AspNetCore.Http;
using Preau.Web.Modules.Notifications.Contracts;

namespace Preau.Tests.Notifications;

/// <summary>The count read with the account check serves the header of that person's page only.</summary>
public sealed class UnreadNotificationsTests
{
    [Fact]
    public void TheCountReadWithTheAccount_IsKnownForThatPerson()
    {
        var http = new DefaultHttpContext();
        var person = Guid.NewGuid();
        UnreadNotifications.Remember(http, person, 7);
        Assert.Equal(7, UnreadNotifications.KnownFor(http, person));
    }

    [Fact]
    public void AnAgentActingAsSomeoneElse_DoesNotShowTheirOwnCount()
    {
        var http = new DefaultHttpContext();
        UnreadNotifications.Remember(http, Guid.NewGuid(), 7);
        Assert.Null(UnreadNotifications.KnownFor(http, Guid.NewGuid()));
    }

    [Fact]
    public void ARequestWithoutAccountCheck_HasNoKnownCount()
    {
        Assert.Null(UnreadNotifications.KnownFor(new DefaultHttpContext(), Guid.NewGuid()));
        Assert.Null(UnreadNotifications.KnownFor(null, Guid.NewGuid()));
    }
}
