// Key Vault for the model providers' API keys and the app's bootstrap admin API key (RBAC authorization, soft delete). The app reads them through Key Vault
// references in its app settings, resolved by the platform with the app's user-assigned identity. A secret is written
// by this template only when its @secure() parameter is non-empty; otherwise set it afterwards with
// `az keyvault secret set` (docs/deploy.md).

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Secret name of the OpenAI API key.')
param openAIApiKeySecretName string

@description('Secret name of the Anthropic API key.')
param anthropicApiKeySecretName string

@description('Secret name of the bootstrap admin API key of the app (Auth__AdminKey).')
param authAdminKeySecretName string

@description('Bootstrap admin API key to store (at least 32 characters); empty (the default) leaves the secret to be set by hand.')
@secure()
param authAdminKey string = ''

@description('OpenAI API key to store; empty (the default) leaves the secret to be set by hand.')
@secure()
param openAIApiKey string = ''

@description('Anthropic API key to store; empty (the default) leaves the secret to be set by hand.')
@secure()
param anthropicApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource openAIKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAIApiKey)) {
  parent: vault
  name: openAIApiKeySecretName
  properties: {
    value: openAIApiKey
  }
}

resource anthropicKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(anthropicApiKey)) {
  parent: vault
  name: anthropicApiKeySecretName
  properties: {
    value: anthropicApiKey
  }
}

resource adminKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(authAdminKey)) {
  parent: vault
  name: authAdminKeySecretName
  properties: {
    value: authAdminKey
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault resource id.')
output id string = vault.id
