using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Authorization;

public sealed class EndpointAuthorizationTests(TestApp app)
{
    /// <summary>
    /// Deny by default is the fallback policy; this makes sure nobody relies on it by accident: each page
    /// and endpoint states who may use it (a named policy) or that anyone may (AllowAnonymous).
    /// </summary>
    [DbFact]
    public void EveryEndpoint_StatesAnExplicitAuthorizationDecision()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undecided = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(undecided.Count == 0, "Without an explicit decision: " + string.Join(", ", undecided));
    }
}
