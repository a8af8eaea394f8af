// The Function App on a Flex Consumption (FC1) plan: .NET isolated worker, package deployed from a blob container of the
// app's storage account, every storage client authenticated with the user-assigned identity (no connection string, no
// account key), and the model API keys read from Key Vault references.
//
// Flex Consumption takes the runtime from functionAppConfig.runtime; FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not allowed as app settings there (learn.microsoft.com/azure/azure-functions/
// functions-app-settings, "Flex Consumption plan deprecations"). Settings the app reads but this module does not set are
// listed with their reason in ../settings-not-set.json; a contract test keeps that list, local.settings.sample.json and
// the appsettings below in step.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags of the plan.')
param tags object

@description('Tags of the site: the common tags plus azd-service-name.')
param siteTags object

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Storage account name (host storage, task hub, the app\'s tables, queues and blobs).')
param storageAccountName string

@description('Blob endpoint of the storage account, ending in a slash.')
param storageBlobEndpoint string

@description('Blob container the plan deploys the app package from.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Key Vault name holding the model API keys.')
param keyVaultName string

@description('Secret name of the OpenAI API key.')
param openAIApiKeySecretName string

@description('Secret name of the Anthropic API key.')
param anthropicApiKeySecretName string

@description('Name of the Key Vault secret holding the bootstrap admin API key (Auth__AdminKey).')
param authAdminKeySecretName string

@description('Runtime version of the dotnet-isolated worker: the app\'s target framework (net10.0 gives 10.0).')
param runtimeVersion string

@description('Memory of each instance in MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances of the durable group (orchestrator and activity triggers); 0 scales it to zero, at the cost of a cold start (and the scale controller\'s polling delay) when a run starts.')
@minValue(0)
param durableAlwaysReadyInstances int

@description('Model settings: OpenAI-compatible endpoint and model, Anthropic endpoint, learning models, recorded-model mode.')
param models modelSettings

@description('Engineering domain budget in USD.')
param engineeringBudget budgetSettings

@description('Whether the shell tool is enabled.')
param shellToolEnabled bool

@description('OpenTelemetry service name (cloud role name in Application Insights).')
param otelServiceName string

@description('Folder under which tools make working copies; must be writable (the deployed package is read-only).')
param workRoot string

@description('Model settings of the app (sample values in local.settings.sample.json).')
type modelSettings = {
  @description('OpenAI-compatible endpoint; empty for api.openai.com.')
  openAIEndpoint: string
  @description('Default OpenAI model; empty for the pool\'s default.')
  openAIModel: string
  @description('Anthropic endpoint; empty for api.anthropic.com.')
  anthropicEndpoint: string
  @description('Recorded model mode: Replay, Record or Off.')
  recordedMode: string
  @description('Model the learning loop distils rules with; empty for the routing default.')
  learningModel: string
  @description('Model that judges regression tests; empty for the routing default.')
  learningJudgeModel: string
}

@description('A domain budget.')
type budgetSettings = {
  @description('Daily limit in USD.')
  dailyUsd: string
  @description('Monthly limit in USD.')
  monthlyUsd: string
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: siteTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: durableAlwaysReadyInstances > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

// One literal object, so the contract test can read every key from the compiled template. Values are the sample's
// (local.settings.sample.json) unless Azure needs another (WorkRoot) or a parameter sets them.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage and every storage client of the app: identity-based (StorageConnection in src/Core/Storage reads the
    // same settings as the Functions host).
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    Storage__MaxRetries: '3'
    Storage__RetryDelay: '00:00:00.800'
    Storage__MaxRetryDelay: '00:00:30'
    Storage__NetworkTimeout: '00:01:40'

    // Every endpoint but /api/health and /api/ready needs an API key; the bootstrap admin key is a Key Vault secret.
    Auth__Enabled: 'true'
    Auth__AdminKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${authAdminKeySecretName})'
    Auth__Table: 'ApiKeys'

    // Empty: skills/ and graphs/ are found by walking up from the app's folder (they are in the package).
    AgentFunctions__ContentRoot: ''
    AgentFunctions__SkillsPath: 'skills'
    AgentFunctions__GraphsPath: 'graphs'

    Models__OpenAI__Endpoint: models.openAIEndpoint
    Models__OpenAI__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${openAIApiKeySecretName})'
    Models__OpenAI__Model: models.openAIModel
    Models__Anthropic__Endpoint: models.anthropicEndpoint
    Models__Anthropic__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${anthropicApiKeySecretName})'
    Models__Recorded__Path: 'examples/recordings'
    Models__Recorded__Mode: models.recordedMode
    Models__Recorded__ReplayDelay: '00:00:00'
    Models__Routing__AttemptTimeout: '00:02:00'
    Models__Routing__RateLimitWait: '00:00:05'
    Models__Routing__Bandit: 'true'
    Models__Routing__BanditLatencyReference: '00:00:30'
    Models__Routing__CacheEnabled: 'false'
    Models__Routing__CacheMaxBytes: '16777216'
    Models__Routing__MaxToolTurns: '20'
    'Models__Pool__openai/gpt-4o-mini__Provider': 'openai'
    'Models__Pool__openai/gpt-4o-mini__Name': 'gpt-4o-mini'
    'Models__Pool__openai/gpt-4o-mini__InputPerMillionUsd': '0.15'
    'Models__Pool__openai/gpt-4o-mini__OutputPerMillionUsd': '0.60'
    'Models__Pool__openai/gpt-4o-mini__ContextWindowTokens': '128000'
    'Models__Pool__openai/gpt-4o-mini__MaxConcurrency': '8'
    'Models__Pool__openai/gpt-4o-mini__RequestsPerMinute': '500'
    'Models__Pool__openai/gpt-4o-mini__Tier': 'bronze'
    'Models__Pool__openai/gpt-4o-mini__Fallbacks__0': 'openai/gpt-4.1-nano'

    Orchestration__RunRequestQueue: 'run-requests'
    Orchestration__RunsTable: 'Runs'
    Orchestration__PayloadContainer: 'payloads'
    Orchestration__MaxDequeueCount: '5'
    Orchestration__CancellationCheckInterval: '00:00:02'

    Budgets__Table: 'Budgets'
    Budgets__ReservationLifetime: '02:00:00'
    Budgets__Domains__engineering__DailyUsd: engineeringBudget.dailyUsd
    Budgets__Domains__engineering__MonthlyUsd: engineeringBudget.monthlyUsd

    Learning__Table: 'Knowledge'
    Learning__CorrectionsQueue: 'corrections'
    Learning__ValidationsQueue: 'validations'
    Learning__MaxInjectedRules: '5'
    Learning__InjectCandidates: 'true'
    Learning__SimilarityThreshold: '0.6'
    Learning__RetireAfterFailedValidations: '3'
    Learning__Model: models.learningModel
    Learning__JudgeModel: models.learningJudgeModel

    Tools__Workspace__WorkRoot: workRoot
    Tools__Workspace__RepositoriesRoot: ''
    Tools__Workspace__GitUserName: 'AgentFunctions'
    Tools__Workspace__GitUserEmail: 'agentfunctions@localhost'
    Tools__Workspace__GitTimeoutSeconds: '120'
    Tools__Workspace__Retention: '1.00:00:00'
    Tools__Tests__DefaultCommand: 'python3 -m unittest discover -s tests -t . -v'
    Tools__Tests__TimeoutSeconds: '300'
    Tools__Tests__OutputTailChars: '8192'
    Tools__Shell__Enabled: shellToolEnabled ? 'true' : 'false'
    Tools__Shell__DefaultTimeoutSeconds: '60'
    Tools__Shell__MaxTimeoutSeconds: '600'
    Tools__Shell__OutputTailChars: '8192'
    // Tool sandbox (docs/sandbox.md): the programs tests.run, patch.select and stdio MCP servers may start, and the
    // variables scrubbed from or passed to their environment. Blank list entries are ignored.
    Tools__Sandbox__AllowedCommands__0: 'git'
    Tools__Sandbox__AllowedCommands__1: 'python3'
    Tools__Sandbox__AllowedCommands__2: 'python'
    Tools__Sandbox__AllowedCommands__3: 'dotnet'
    Tools__Sandbox__AllowedCommands__4: 'node'
    Tools__Sandbox__AllowedCommands__5: 'npm'
    Tools__Sandbox__AllowedCommands__6: 'npx'
    Tools__Sandbox__AllowedCommands__7: 'pytest'
    Tools__Sandbox__AllowedCommands__8: 'make'
    Tools__Sandbox__ExtraDeniedVariables__0: ''
    Tools__Sandbox__PassVariables__0: ''

    // Telemetry: Azure Monitor with Entra ID authentication (the component has local auth disabled).
    OTEL_SERVICE_NAME: otelServiceName
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  }
}

@description('Function App name.')
output name string = site.name

@description('Function App URL, https://<defaultHostName>.')
output url string = 'https://${site.properties.defaultHostName}'
