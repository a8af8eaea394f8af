// AgentFunctions on Azure: a Function App on the Flex Consumption plan with keyless storage, Application Insights with
// Entra ID authentication, and a Key Vault for the model API keys. Resource-group scope:
//   az deployment group create -g <rg> -f infra/bicep/main.bicep -p infra/bicep/main.parameters.json
// or `azd up` (azure.yaml at the repository root). docs/deploy.md says what is created and what it costs at rest.

targetScope = 'resourceGroup'

@description('Name of the environment (azd: AZURE_ENV_NAME); part of every resource name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource (azd: AZURE_LOCATION). Flex Consumption is offered in some regions only.')
@minLength(1)
param location string = resourceGroup().location

@description('Principal id of the deploying user (azd: AZURE_PRINCIPAL_ID), granted Key Vault Secrets Officer to set the model keys; empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (Flex Consumption allows 1 to 1000); also a cost ceiling.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for the durable group (orchestrations and activities). 0 (the default) costs nothing at rest; Microsoft\'s Durable Functions guidance for Flex Consumption suggests 1, billed while idle.')
@minValue(0)
@maxValue(10)
param durableAlwaysReadyInstances int = 0

@description('OpenAI API key to store in Key Vault as secret openai-api-key; empty (the default) leaves it to `az keyvault secret set`.')
@secure()
param openAIApiKey string = ''

@description('Anthropic API key to store in Key Vault as secret anthropic-api-key; empty (the default) leaves it to `az keyvault secret set`.')
@secure()
param anthropicApiKey string = ''

@description('Bootstrap admin API key of the app (Auth__AdminKey, at least 32 characters) to store in Key Vault as secret auth-admin-key; empty (the default) leaves it to `az keyvault secret set`.')
@secure()
param authAdminKey string = ''

@description('OpenAI-compatible endpoint (Models__OpenAI__Endpoint); empty for api.openai.com.')
param openAIEndpoint string = ''

@description('Default OpenAI model (Models__OpenAI__Model); empty for the pool\'s default.')
param openAIModel string = ''

@description('Anthropic endpoint (Models__Anthropic__Endpoint); empty for api.anthropic.com.')
param anthropicEndpoint string = ''

@description('Recorded model mode (Models__Recorded__Mode).')
@allowed([
  'Replay'
  'Record'
  'Off'
])
param recordedModelMode string = 'Replay'

@description('Model the learning loop distils rules with (Learning__Model); empty for the routing default.')
param learningModel string = ''

@description('Model that judges regression tests (Learning__JudgeModel); empty for the routing default.')
param learningJudgeModel string = ''

@description('Daily budget of the engineering domain in USD (Budgets__Domains__engineering__DailyUsd).')
param engineeringDailyUsd string = '5'

@description('Monthly budget of the engineering domain in USD (Budgets__Domains__engineering__MonthlyUsd).')
param engineeringMonthlyUsd string = '100'

@description('Whether the shell tool may run commands (Tools__Shell__Enabled).')
param shellToolEnabled bool = false

@description('OpenTelemetry service name (OTEL_SERVICE_NAME), the cloud role name in Application Insights.')
param otelServiceName string = 'agentfunctions'

@description('Runtime version of the dotnet-isolated worker; must match the app\'s TargetFramework (a contract test checks it).')
param runtimeVersion string = '10.0'

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
// Container names: 3-63 lowercase letters, digits and hyphens.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var openAIApiKeySecretName = 'openai-api-key'
var anthropicApiKeySecretName = 'anthropic-api-key'
var authAdminKeySecretName = 'auth-admin-key'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceToken}'
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    openAIApiKeySecretName: openAIApiKeySecretName
    anthropicApiKeySecretName: anthropicApiKeySecretName
    authAdminKeySecretName: authAdminKeySecretName
    openAIApiKey: openAIApiKey
    anthropicApiKey: anthropicApiKey
    authAdminKey: authAdminKey
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.properties.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The host reads storage and Key Vault with the identity from its first start: grant the roles first.
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    siteTags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    openAIApiKeySecretName: openAIApiKeySecretName
    anthropicApiKeySecretName: anthropicApiKeySecretName
    authAdminKeySecretName: authAdminKeySecretName
    runtimeVersion: runtimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    models: {
      openAIEndpoint: openAIEndpoint
      openAIModel: openAIModel
      anthropicEndpoint: anthropicEndpoint
      recordedMode: recordedModelMode
      learningModel: learningModel
      learningJudgeModel: learningJudgeModel
    }
    engineeringBudget: {
      dailyUsd: engineeringDailyUsd
      monthlyUsd: engineeringMonthlyUsd
    }
    shellToolEnabled: shellToolEnabled
    otelServiceName: otelServiceName
    workRoot: '/tmp/agentfunctions/runs'
  }
}

@description('Function App name.')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Function App URL, https://<defaultHostName>; the API is under /api.')
output FUNCTION_APP_URL string = functionApp.outputs.url

@description('Key Vault holding the model API keys (secrets openai-api-key and anthropic-api-key).')
output KEY_VAULT_NAME string = keyVault.outputs.name

@description('Application Insights component with the app\'s traces.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName

@description('Storage account of the app; other services send run requests to its run-requests queue.')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
