// HumanSecurityAlerts on Azure: a .NET 10 isolated Function App on the Flex Consumption plan, with Table
// Storage, Service Bus (entities from servicebus-entities.json), Key Vault and Application Insights.
// Every connection is identity-based (one user-assigned managed identity); no key or connection string
// with a secret is written anywhere. Deployed by `azd up` (azure.yaml at the repository root).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource. Pick one that offers the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the operator granted data access (tables, Service Bus, Key Vault secrets) for debugging and secret rotation; empty: the principal running the deployment (deployer()).')
param principalId string = ''

@description('Type of principalId; empty: let Azure look it up (works for users and for a pipeline\'s service principal).')
@allowed(['', 'User', 'Group', 'ServicePrincipal'])
param principalType string = ''

@description('Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('SMTP server host name.')
param smtpHost string

@description('SMTP server port (587: STARTTLS submission).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP transport security: StartTls (required, never plain text) or SslOnConnect (port 465).')
@allowed(['StartTls', 'SslOnConnect'])
param smtpSecurity string = 'StartTls'

@description('SMTP user name; empty when the server needs no authentication.')
param smtpUserName string = ''

@description('Sender address of every email.')
param smtpFromAddress string

@description('Sender display name of every email.')
param smtpFromName string = 'Human Security Alerts'

@description('SMTP password, stored in Key Vault and written at every provision; required when smtpUserName is set.')
@secure()
param smtpPassword string = ''

@description('Admin API key, stored in Key Vault and written at every provision (the azd preprovision hook generates it once).')
@secure()
@minLength(32)
param adminApiKey string

@description('Base64 of 32 random bytes encrypting webhook secrets and tokens at rest, stored in Key Vault and written at every provision (the azd preprovision hook generates it once).')
@secure()
@minLength(44)
@maxLength(44)
param subscriptionsEncryptionKey string

@description('Deploy App Service Authentication (Entra ID) and let the admin endpoints trust the principal it signs in. Requires adminAuthClientId.')
param adminTrustAppServiceAuthentication bool = false

@description('Client id of the Entra ID app registration whose tokens App Service Authentication accepts (audience api://<id> or <id>); required when adminTrustAppServiceAuthentication is true.')
param adminAuthClientId string = ''

@description('App role (roles claim) that makes a signed-in caller an admin.')
param adminRequiredRole string = 'HumanSecurityAlerts.Admin'

@description('Email address of the operators who receive the alerts.')
param alertEmailAddress string

@description('Active messages in a queue or subscription that, sustained for 30 minutes, raise the backlog alert.')
@minValue(1)
param backlogAlertThreshold int = 1000

@description('Storage redundancy; zone-redundant by default (pick Standard_LRS only where the region has no availability zones).')
@allowed(['Standard_ZRS', 'Standard_GZRS', 'Standard_RAGZRS', 'Standard_LRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSku string = 'Standard_ZRS'

@description('CanNotDelete locks on the storage account and the vault; false only for throwaway environments.')
param resourceLocks bool = true

@description('A virtual network with private endpoints for Storage, Service Bus (then Premium) and Key Vault, whose public access is turned off. Choose it at the first provision: Service Bus cannot change tier in place.')
param privateNetworking bool = false

@description('Public base URL of the service (links in emails, webhooks and feeds); empty: the Function App\'s default host name.')
param siteBaseUrl string = ''

@description('NCRONTAB schedule of the feed ingestion timer (FeedsSchedule).')
param feedsSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule of the fan-out drain timer (FanOutSchedule); an admin release also starts it at once.')
param fanOutSchedule string = '*/30 * * * * *'

@description('NCRONTAB schedule of the deliveries drain timer (DeliverySchedule); retries are scheduled messages it picks up.')
param deliverySchedule string = '*/30 * * * * *'

@description('Partitions each publication\'s delivery ledger is spread over (Delivery:LedgerShards): one Table Storage partition takes about 2,000 entities/s, two ledger writes per delivery, so about 1,000 deliveries/s per shard. Change it only while no delivery is in flight.')
@minValue(1)
@maxValue(64)
param deliveryLedgerShards int = 8

@description('NCRONTAB schedule of the daily digest (DailyDigestSchedule), UTC.')
param dailyDigestSchedule string = '0 0 7 * * *'

@description('NCRONTAB schedule of the weekly digest (WeeklyDigestSchedule), UTC; default Mondays.')
param weeklyDigestSchedule string = '0 0 7 * * 1'

@description('RSS 2.0 / Atom feeds to read: [{ name: \'...\', url: \'https://...\' }].')
param feedSources array = []

@description('Most instances the Function App scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days a deleted Key Vault or secret can be recovered (purge protection is on).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here (deploy-time values), so What-If can predict every resource.
var identityName = 'id-api-${resourceToken}'
var logAnalyticsName = 'log-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var serviceBusNamespaceName = 'sb-${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var planName = 'plan-${resourceToken}'
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package'
var virtualNetworkName = 'vnet-${resourceToken}'

// Key Vault secret names; the app settings below reference them.
var smtpPasswordSecretName = 'smtp-password'
var adminApiKeySecretName = 'admin-api-key'
var subscriptionsEncryptionKeySecretName = 'subscriptions-encryption-key'

// Tables the app uses (TableStorage__tablePrefix + logical name), one list checked against the code by
// BicepTemplateTests; the app also creates them on first use.
var tablePrefix = 'hsa'
var tableNames = loadJsonContent('tables.json')

// The operator's data roles go to the principal running the deployment unless another is named.
var operatorPrincipalId = empty(principalId) ? deployer().objectId : principalId

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: identityName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: storageAccountName
    deploymentContainerName: deploymentContainerName
    skuName: storageSku
    lock: resourceLocks
    privateOnly: privateNetworking
    tableNames: [for table in tableNames: '${tablePrefix}${table}']
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    location: location
    tags: tags
    name: serviceBusNamespaceName
    privateOnly: privateNetworking
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: keyVaultName
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    lock: resourceLocks
    privateOnly: privateNetworking
  }
}

// Secrets are written at every provision from the azd environment, which is where they are rotated (infra/README.md):
// a secret set only in the vault would be overwritten by the next provision.
module smtpPasswordSecret 'modules/keyvault-secret.bicep' = if (!empty(smtpUserName)) {
  name: 'secret-smtp-password'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: smtpPasswordSecretName
    value: empty(smtpPassword) ? fail('smtpPassword (SMTP_PASSWORD) is required when smtpUserName is set.') : smtpPassword
  }
  dependsOn: [
    keyVault
  ]
}

module adminApiKeySecret 'modules/keyvault-secret.bicep' = {
  name: 'secret-admin-api-key'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: adminApiKeySecretName
    value: adminApiKey
  }
  dependsOn: [
    keyVault
  ]
}

module subscriptionsEncryptionKeySecret 'modules/keyvault-secret.bicep' = {
  name: 'secret-subscriptions-encryption-key'
  scope: rg
  params: {
    keyVaultName: keyVaultName
    name: subscriptionsEncryptionKeySecretName
    value: subscriptionsEncryptionKey
  }
  dependsOn: [
    keyVault
  ]
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    location: location
    tags: tags
    name: virtualNetworkName
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    keyVaultName: keyVaultName
  }
  dependsOn: [
    storage
    serviceBus
    keyVault
  ]
}

module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    // The identity's principal id is known only at run time; role assignment names need it (see the module).
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: operatorPrincipalId
    userPrincipalType: principalType
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [
    storage
    serviceBus
    keyVault
    monitoring
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: planName
    name: functionAppName
    azdServiceName: 'api'
    identityId: identity.outputs.id
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    virtualNetworkSubnetId: privateNetworking ? '${rg.id}/providers/Microsoft.Network/virtualNetworks/${virtualNetworkName}/subnets/app' : ''
  }
  // The identity must hold its roles before the host starts and before azd uploads the package; with private
  // networking, the endpoints must exist before the host reaches its storage.
  dependsOn: [
    roleAssignments
    network
  ]
}

// App Service Authentication validates Entra ID tokens and strips client-made X-MS-CLIENT-PRINCIPAL headers; the app
// trusts that header only where this is deployed (and refuses to start otherwise).
module authentication 'modules/app-authentication.bicep' = if (adminTrustAppServiceAuthentication) {
  name: 'app-authentication'
  scope: rg
  params: {
    functionAppName: functionAppName
    clientId: empty(adminAuthClientId)
      ? fail('adminAuthClientId (ADMIN_AUTH_CLIENT_ID) is required when adminTrustAppServiceAuthentication is true.')
      : adminAuthClientId
  }
  dependsOn: [
    functionApp
  ]
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    logAnalyticsName: logAnalyticsName
    functionAppName: functionAppName
    serviceBusNamespaceName: serviceBusNamespaceName
    keyVaultName: keyVaultName
    storageAccountName: storageAccountName
  }
  dependsOn: [
    monitoring
    functionApp
    serviceBus
    keyVault
    storage
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    emailAddress: alertEmailAddress
    logAnalyticsName: logAnalyticsName
    serviceBusNamespaceName: serviceBusNamespaceName
    backlogThreshold: backlogAlertThreshold
  }
  dependsOn: [
    monitoring
    serviceBus
  ]
}

module availability 'modules/availability.bicep' = {
  name: 'availability'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: applicationInsightsName
    appHostName: functionApp.outputs.defaultHostName
    actionGroupId: alerts.outputs.actionGroupId
  }
  dependsOn: [
    monitoring
  ]
}

// A versionless reference: the app picks up a new secret version within a day, or at once on restart.
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// Feeds__Sources__<i>__Url / __Name, as FeedsOptions binds them.
var feedSourceSettings = reduce(range(0, length(feedSources)), {}, (all, i) => union(all, {
  'Feeds__Sources__${i}__Url': feedSources[i].url
  'Feeds__Sources__${i}__Name': feedSources[i].?name ?? ''
}))

// No user name, no password setting: a reference to a secret never written would not resolve.
var smtpPasswordSetting = empty(smtpUserName)
  ? {}
  : {
      Smtp__Password: keyVaultReference(keyVaultUri, smtpPasswordSecretName)
    }

module appSettings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  scope: rg
  params: {
    functionAppName: functionAppName
    // The whole set, so a re-provision keeps exactly these (a setting added by hand is removed).
    settings: union(feedSourceSettings, smtpPasswordSetting, {
      // Functions host storage, identity-based (Flex Consumption: no FUNCTIONS_WORKER_RUNTIME here, the
      // runtime is in functionAppConfig). HTTP and Timer triggers need blobs only.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint

      // Telemetry with Entra ID authentication (Application Insights has local authentication off).
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'

      // Application settings: sections of the options classes (SectionName__Property).
      TableStorage__tableServiceUri: storage.outputs.tableEndpoint
      TableStorage__clientId: identity.outputs.clientId
      TableStorage__tablePrefix: tablePrefix
      ServiceBus__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBus__clientId: identity.outputs.clientId
      Smtp__Host: smtpHost
      Smtp__Port: string(smtpPort)
      Smtp__Security: smtpSecurity
      Smtp__UserName: smtpUserName
      Smtp__FromAddress: smtpFromAddress
      Smtp__FromName: smtpFromName
      Admin__ApiKey: keyVaultReference(keyVaultUri, adminApiKeySecretName)
      Admin__TrustAppServiceAuthentication: string(adminTrustAppServiceAuthentication)
      Admin__RequiredRole: adminRequiredRole
      Subscriptions__EncryptionKey: keyVaultReference(keyVaultUri, subscriptionsEncryptionKeySecretName)
      Site__BaseUrl: empty(siteBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : siteBaseUrl
      // In Azure webhooks go to public https endpoints only.
      Webhooks__AllowPrivateNetworks: 'false'
      Delivery__LedgerShards: string(deliveryLedgerShards)
      // Binding expression of the IngestFeeds timer (a flat name: see IngestFeeds).
      FeedsSchedule: feedsSchedule
      // Binding expressions of the delivery timers (flat names, like FeedsSchedule).
      FanOutSchedule: fanOutSchedule
      DeliverySchedule: deliverySchedule
      DailyDigestSchedule: dailyDigestSchedule
      WeeklyDigestSchedule: weeklyDigestSchedule
    })
  }
  // Every Key Vault reference resolves on first start, and the app trusts App Service Authentication only once deployed.
  dependsOn: [
    smtpPasswordSecret
    adminApiKeySecret
    subscriptionsEncryptionKeySecret
    authentication
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
