// Log Analytics workspace and a workspace-based Application Insights component with local (instrumentation-key)
// authentication off: telemetry is accepted only with an Entra ID token (the app's managed identity, which holds
// Monitoring Metrics Publisher on the component, see rbac-monitoring.bicep).

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for both resources.')
param tags object

@description('Days Log Analytics keeps data (30 is the retention included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Application Insights component name.')
output appInsightsName string = appInsights.name

@description('Application Insights component resource id.')
output appInsightsId string = appInsights.id

@description('Application Insights connection string. Not a secret here: with DisableLocalAuth the instrumentation key alone cannot send telemetry.')
output connectionString string = appInsights.properties.ConnectionString
