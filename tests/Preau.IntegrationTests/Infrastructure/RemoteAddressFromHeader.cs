using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>
/// The test server has no client address: this filter takes it from a header, so that a test can play a request
/// from a given address (a scraper, a school's public address). Add it with
/// <c>b.ConfigureServices(s => s.AddSingleton&lt;IStartupFilter, RemoteAddressFromHeader&gt;())</c>.
/// </summary>
internal sealed class RemoteAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Remote";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
    {
        builder.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            }
            await nextMiddleware(context);
        });
        next(builder);
    };
}
