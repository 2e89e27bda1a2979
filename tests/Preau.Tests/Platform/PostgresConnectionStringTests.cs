using Npgsql;
using Preau.Web.Platform.Data;

namespace Preau.Tests.Platform;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void ADeploymentThatSaysNothing_GetsPreparedStatementsAndNoResetOnClose()
    {
        var cs = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=preau;Username=preau"));

        Assert.Equal(250, cs.MaxAutoPrepare);
        Assert.True(cs.NoResetOnClose);
        Assert.Equal("-c plan_cache_mode=force_generic_plan -c random_page_cost=1.1", cs.Options);
        Assert.Equal("db", cs.Host);
        Assert.Equal("preau", cs.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Options=-c plan_cache_mode=auto")]
    [InlineData("Host=db;MAX AUTO PREPARE=0;no reset on close=false;options=-c plan_cache_mode=auto")]
    public void WhatTheDeploymentSays_Wins(string given)
    {
        var cs = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(given));

        Assert.Equal(0, cs.MaxAutoPrepare);
        Assert.False(cs.NoResetOnClose);
        Assert.Equal("-c plan_cache_mode=auto", cs.Options);
    }
}
